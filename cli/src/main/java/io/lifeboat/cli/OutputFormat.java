package io.lifeboat.cli;

/** The formats a command can print in. Lower case, as typed on the command line. */
enum OutputFormat {
    text, json, markdown
}
