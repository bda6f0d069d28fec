package io.lifeboat.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Asks before a command changes a cloud: on a terminal a typed "yes", elsewhere --yes. */
final class Confirm {
    private Confirm() {
    }

    static boolean ask(PrintWriter out, String what, PrintWriter err) throws IOException {
        if (System.console() == null) {
            err.println("lifeboat: --yes is required when not running on a terminal (nothing was changed)");
            return false;
        }
        out.print("Do you want to " + what + "? Type 'yes' to go on: ");
        out.flush();
        String answer;
        Interrupts.prompting(true);
        try {
            answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } finally {
            Interrupts.prompting(false);
        }
        if (answer != null && answer.trim().equalsIgnoreCase("yes")) return true;
        err.println("lifeboat: cancelled; nothing was changed");
        return false;
    }
}
