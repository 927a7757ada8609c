package org.complaints.gateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * docs/benchmarks.md is shared by the benchmarks and by notes written by hand: each benchmark
 * replaces only its own section, between {@code <!-- begin name -->} and {@code <!-- end name -->},
 * and keeps everything else (a missing section is appended).
 */
final class BenchReport {

    static final Path FILE = ServiceProcess.root().resolve("docs/benchmarks.md");

    private BenchReport() {}

    static void replaceSection(String name, String content) throws IOException {
        var begin = "<!-- begin " + name + " -->";
        var end = "<!-- end " + name + " -->";
        var section = begin + "\n" + content.strip() + "\n" + end + "\n";
        var text = Files.exists(FILE) ? Files.readString(FILE) : "# Benchmarks\n\n";
        var from = text.indexOf(begin);
        var to = text.indexOf(end);
        if (from >= 0 && to > from) {
            text = text.substring(0, from)
                    + section
                    + text.substring(to + end.length()).replaceFirst("^\n", "");
        } else {
            text = text.stripTrailing() + "\n\n" + section;
        }
        Files.writeString(FILE, text);
    }
}
