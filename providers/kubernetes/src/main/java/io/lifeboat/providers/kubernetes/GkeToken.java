package io.lifeboat.providers.kubernetes;

import java.io.IOException;
import java.util.List;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;

/**
 * A GKE cluster's bearer token: an OAuth access token of Google's Application Default
 * Credentials (the gcp provider's own), scoped to cloud-platform, refreshed before it expires.
 * Asked for when the client first connects, never when the provider is opened.
 */
final class GkeToken {
    private GoogleCredentials credentials;

    synchronized String get() {
        try {
            if (credentials == null) {
                credentials = GoogleCredentials.getApplicationDefault().createScoped(List.of("https://www.googleapis.com/auth/cloud-platform"));
            }
            credentials.refreshIfExpired();
            AccessToken token = credentials.getAccessToken();
            if (token == null) throw new IllegalStateException("Google's credentials gave no access token for the GKE cluster");
            return token.getTokenValue();
        } catch (IOException e) {
            throw new IllegalStateException("no Google credentials for the GKE cluster: run `gcloud auth application-default login`, or set"
                    + " GOOGLE_APPLICATION_CREDENTIALS (" + e.getMessage() + ")", e);
        }
    }
}
