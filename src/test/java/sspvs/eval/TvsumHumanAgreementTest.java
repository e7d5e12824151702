package sspvs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sspvs.SharedData;

/**
 * Pairwise human agreement on the real TVSum annotations (shared data, skipped when absent): Otani et al.
 * (CVPR 2019) report τ 0.177 and ρ 0.204 for TVSum.
 */
class TvsumHumanAgreementTest {

    @Test
    void pairwiseAgreementOfTvsumAnnotatorsMatchesThePublishedFigure() throws Exception {
        Path anno = SharedData.require("tvsum/ydata-tvsum50-anno.tsv");
        Map<String, List<float[]>> users = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(anno, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] cols = line.split("\t");
                String[] cells = cols[2].split(",");
                float[] scores = new float[cells.length];
                for (int i = 0; i < cells.length; i++) {
                    scores[i] = Float.parseFloat(cells[i]);
                }
                users.computeIfAbsent(cols[0], k -> new ArrayList<>()).add(scores);
            }
        }
        assertEquals(50, users.size());
        double tau = 0;
        double rho = 0;
        for (List<float[]> video : users.values()) {
            List<RankCorrelation.Ranked> ranked = video.stream().map(RankCorrelation::rank).toList();
            double t = 0;
            double r = 0;
            int pairs = 0;
            for (int u = 0; u < ranked.size(); u++) {
                for (int w = u + 1; w < ranked.size(); w++) {
                    RankCorrelation.Correlations c = RankCorrelation.correlate(ranked.get(u), ranked.get(w));
                    t += c.kendall();
                    r += c.spearman();
                    pairs++;
                }
            }
            tau += t / pairs / users.size();
            rho += r / pairs / users.size();
        }
        assertEquals(0.177, tau, 0.0005);
        assertEquals(0.204, rho, 0.0005);
    }
}
