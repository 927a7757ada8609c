package org.complaints.support.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * docs/benchmarks.md is shared by the benchmarks and by notes written by hand: each benchmark
 * replaces only its own section, between {@code <!-- begin name -->} and {@code <!-- end name -->},
 * and keeps everything else (a missing section is appended). Shared by the benchmarks of every
 * module (the gateway's suite benchmarks, routing's sweep benchmark).
 */
public final class BenchReport {

    private BenchReport() {}

    /** The project's root: the module's directory or its parent, whichever holds {@code mvnw}. */
    public static Path root() {
        var here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("mvnw")) ? here : here.getParent();
    }

    public static void replaceSection(String name, String content) throws IOException {
        var file = root().resolve("docs/benchmarks.md");
        var begin = "<!-- begin " + name + " -->";
        var end = "<!-- end " + name + " -->";
        var section = begin + "\n" + content.strip() + "\n" + end + "\n";
        var text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n\n";
        var from = text.indexOf(begin);
        var to = text.indexOf(end);
        if (from >= 0 && to > from) {
            text = text.substring(0, from)
                    + section
                    + text.substring(to + end.length()).replaceFirst("^\n", "");
        } else {
            text = text.stripTrailing() + "\n\n" + section;
        }
        Files.writeString(file, text);
    }
}
