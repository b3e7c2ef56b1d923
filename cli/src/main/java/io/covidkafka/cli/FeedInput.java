package io.covidkafka.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * One input of a command: a file or an http(s) URL. {@link #expand} turns the command-line INPUT words (files,
 * globs, directories, URLs) into inputs; {@link #open()} streams the content, gunzipped when it starts with the
 * gzip magic bytes, whatever the name says.
 */
record FeedInput(String name, Path file, URI url) {

    static List<FeedInput> expand(List<String> words) {
        List<FeedInput> out = new ArrayList<>();
        for (String w : words) {
            if (w.startsWith("http://") || w.startsWith("https://")) {
                out.add(new FeedInput(w, null, URI.create(w)));
            } else if (w.indexOf('*') >= 0 || w.indexOf('?') >= 0 || w.indexOf('[') >= 0) {
                List<Path> matches = glob(w);
                if (matches.isEmpty()) {
                    throw new UsageException("INPUT: no file matches " + w);
                }
                matches.forEach(p -> out.add(new FeedInput(p.toString(), p, null)));
            } else {
                Path p = Path.of(w);
                if (Files.isDirectory(p)) {
                    try (Stream<Path> s = Files.list(p)) {
                        s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                                .sorted().forEach(f -> out.add(new FeedInput(f.toString(), f, null)));
                    } catch (IOException e) {
                        throw new UsageException("INPUT: cannot list directory " + w + ": " + e.getMessage());
                    }
                } else if (Files.isRegularFile(p)) {
                    out.add(new FeedInput(w, p, null));
                } else {
                    throw new UsageException("INPUT: no such file or directory " + w);
                }
            }
        }
        return out;
    }

    /** A glob's directory part is taken literally; the last name part is the pattern. */
    private static List<Path> glob(String pattern) {
        Path p = Path.of(pattern);
        Path dir = p.getParent() != null ? p.getParent() : Path.of(".");
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + p.getFileName());
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path f : s) {
                if (Files.isRegularFile(f) && m.matches(f.getFileName())) {
                    out.add(f);
                }
            }
        } catch (IOException e) {
            throw new UsageException("INPUT: cannot list " + dir + ": " + e.getMessage());
        }
        out.sort(null);
        return out;
    }

    /** Total size when known (files only), for progress; -1 otherwise. */
    long size() {
        try {
            return file != null ? Files.size(file) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    InputStream open() throws IOException {
        InputStream raw;
        if (file != null) {
            raw = Files.newInputStream(file);
        } else {
            HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(30)).build();
            try {
                HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(url).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() / 100 != 2) {
                    r.body().close();
                    throw new IOException("HTTP " + r.statusCode() + " from " + url);
                }
                raw = r.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while fetching " + url, e);
            }
        }
        BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 64 * 1024) : in;
    }
}
