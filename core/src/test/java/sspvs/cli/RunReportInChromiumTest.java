package sspvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.HeadlessChromium;
import sspvs.train.RunFixture;

class RunReportInChromiumTest {
    @TempDir
    Path dir;

    @Test
    void runWritesAnOfflineReportThatChromiumDrawsAndReportRewritesItForAPartialRun() throws Exception {
        RunFixture f = new RunFixture(dir.resolve("shared"));
        Path cfg = RunCommandTest.smallConfig(dir, "ts_c");
        Path results = dir.resolve("results");
        CommandRun run = CommandRun.of("run", cfg.toString(), "--data", f.dataFile.getParent().toString(),
                "--pretrained", "none", "--results", results.toString(), "--seeds", "1,2");
        assertEquals(0, run.exitCode(), run.err() + run.out());
        // the per-epoch line says how long the whole run (2 seeds x 2 splits x 2 epochs) has taken and has left
        assertTrue(run.out().matches("(?s).*split 1/2 epoch 1/2: .*elapsed \\d+s, about \\d+s left\\).*"), run.out());
        Path page = results.resolve("TS_C/report.html");
        assertTrue(run.out().contains("report: " + page), run.out());
        String html = Files.readString(page);
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "nothing fetched");
        assertFalse(html.contains("<script"), "no script needed");
        assertTrue(html.contains("mean ± sd over 2 seed(s)"), html);
        assertTrue(html.contains("published (TVSum canonical)</th><td>0.603</td><td>0.177</td><td>0.233</td>"));
        assertTrue(html.contains("human: leave-one-out F; pairwise τ, ρ (12 test videos)"), "baselines on the "
                + "same test videos");
        assertTrue(html.contains(sspvs.io.Sha256.of(f.dataFile)), "data hash in the provenance");

        // a partial run: seed 2 stopped before it chose split 2's epoch; 'report' redraws what there is
        Path partial = dir.resolve("partial");
        try (var files = Files.walk(results.resolve("TS_C"))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = partial.resolve(results.resolve("TS_C").relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        Files.delete(partial.resolve("seed2/run.json"));
        String progress = Files.readString(partial.resolve("seed2/split1.json"));
        Files.writeString(partial.resolve("seed2/split1.json"),
                progress.replaceAll(",\\s*\"chosen_epoch\"\\s*:\\s*\\d+", ""));
        CommandRun report = CommandRun.of("report", partial.toString());
        assertEquals(0, report.exitCode(), report.err());
        String partialHtml = Files.readString(partial.resolve("report.html"));
        assertTrue(partialHtml.contains("1 of 2 seed run(s) finished"), partialHtml);
        assertTrue(partialHtml.contains("seed 2 (unfinished)"), partialHtml);
        assertEquals(1, count(element(partialHtml, "split2-f_score"), "class=\"chosen\""));
        assertEquals(2, count(element(partialHtml, "split1-f_score"), "class=\"chosen\""));

        Path chromium = HeadlessChromium.require("render report.html");
        Path netLog = dir.resolve("net.json");
        String dom = HeadlessChromium.dumpDom(chromium, page, dir, netLog);
        // per split: loss, F, tau, rho; each with a line per seed (and validation lines), the chosen epochs marked
        for (int split = 1; split <= 2; split++) {
            for (String measure : new String[] {"loss", "f_score", "kendalltau", "spearmanr"}) {
                String svg = element(dom, "split" + split + "-" + measure);
                int lines = count(svg, "<polyline class=\"series\"");
                assertEquals(measure.equals("loss") ? 2 : 4, lines, measure + " of split " + split);
                assertEquals(2, count(svg, "class=\"chosen\""), "one chosen epoch per seed");
                assertTrue(svg.matches("(?s).*points=\"[0-9.]+,[0-9.]+ [0-9.]+,[0-9.]+\".*"), "two epochs drawn");
            }
        }
        // Chromium itself calls home (update, time and account services) whatever the page; anything else is the
        // page's
        String log = Files.readString(netLog);
        Matcher url = Pattern.compile("\"url\":\"((?:https?|wss?|ftp)://([^/\"]+)[^\"]*)\"").matcher(log);
        while (url.find()) {
            assertTrue(BROWSER_SERVICES.contains(url.group(2)), "the page requested " + url.group(1));
        }
        assertTrue(log.contains("file://"), "the net log saw the page load: " + log.length());

    }

    private static final java.util.Set<String> BROWSER_SERVICES = java.util.Set.of("clients2.google.com",
            "update.googleapis.com", "accounts.google.com");

    private static String element(String dom, String id) {
        Matcher m = Pattern.compile("(?s)<svg[^>]*id=\"" + id + "\".*?</svg>").matcher(dom);
        assertTrue(m.find(), "no plot " + id);
        return m.group();
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
