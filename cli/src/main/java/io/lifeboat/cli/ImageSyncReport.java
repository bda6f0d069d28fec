package io.lifeboat.cli;

import java.io.PrintWriter;

import io.lifeboat.dr.ImageSync;

/** Prints what an up's image sync did: the copies, the images a person must push, the copies that failed. */
final class ImageSyncReport {
    private ImageSyncReport() {
    }

    /** True when a copy failed. */
    static boolean print(ImageSync.Result r, PrintWriter out, PrintWriter err) {
        for (String line : r.copied()) out.println(line);
        for (String line : r.warnings()) err.println("warning: " + line);
        for (String line : r.errors()) err.println("error: " + line);
        out.flush();
        err.flush();
        return !r.errors().isEmpty();
    }
}
