package sspvs.data;

import java.util.Random;

/** Small valid {@link VideoRecord}s for tests, and copies with one field changed. */
final class TestRecords {
    private TestRecords() {}

    /** A consistent record: {@code steps} picks every 15 frames, 3 users, shots of 30 frames, {@code dim}-d features. */
    static VideoRecord valid(String key, int steps, int dim, long seed) {
        Random r = new Random(seed);
        int n = steps * 15;
        int[] picks = DatasetBuilder.picks(n);
        float[][] features = new float[steps][dim];
        for (float[] row : features) for (int d = 0; d < dim; d++) row[d] = (float) r.nextGaussian();
        float[] gtscore = new float[steps];
        float[] gtsummary = new float[steps];
        for (int t = 0; t < steps; t++) {
            gtscore[t] = r.nextFloat();
            gtsummary[t] = r.nextBoolean() ? 1 : 0;
        }
        float[][] userSummary = new float[3][n];
        float[][] userScores = new float[3][n];
        for (int u = 0; u < 3; u++) {
            for (int f = 0; f < n; f++) {
                userSummary[u][f] = r.nextInt(5) == 0 ? 1 : 0;
                userScores[u][f] = 1 + r.nextInt(5);
            }
        }
        int[][] cps = Shots.fixedLength(n, 30);
        return new VideoRecord(key, "name of " + key, features, gtscore, gtsummary, userSummary, userScores, cps,
                Shots.lengths(cps), n, picks);
    }

    static VideoRecord withFeatures(VideoRecord r, float[][] v) {
        return new VideoRecord(r.key(), r.name(), v, r.gtscore(), r.gtsummary(), r.userSummary(), r.userScores(),
                r.changePoints(), r.nFramePerSeg(), r.nFrames(), r.picks());
    }

    static VideoRecord withGtscore(VideoRecord r, float[] v) {
        return new VideoRecord(r.key(), r.name(), r.features(), v, r.gtsummary(), r.userSummary(), r.userScores(),
                r.changePoints(), r.nFramePerSeg(), r.nFrames(), r.picks());
    }

    static VideoRecord withUserSummary(VideoRecord r, float[][] v) {
        return new VideoRecord(r.key(), r.name(), r.features(), r.gtscore(), r.gtsummary(), v, r.userScores(),
                r.changePoints(), r.nFramePerSeg(), r.nFrames(), r.picks());
    }

    static VideoRecord withUserScores(VideoRecord r, float[][] v) {
        return new VideoRecord(r.key(), r.name(), r.features(), r.gtscore(), r.gtsummary(), r.userSummary(), v,
                r.changePoints(), r.nFramePerSeg(), r.nFrames(), r.picks());
    }

    static VideoRecord withShots(VideoRecord r, int[][] cps, int[] nfps) {
        return new VideoRecord(r.key(), r.name(), r.features(), r.gtscore(), r.gtsummary(), r.userSummary(),
                r.userScores(), cps, nfps, r.nFrames(), r.picks());
    }

    static VideoRecord withPicks(VideoRecord r, int[] v) {
        return new VideoRecord(r.key(), r.name(), r.features(), r.gtscore(), r.gtsummary(), r.userSummary(),
                r.userScores(), r.changePoints(), r.nFramePerSeg(), r.nFrames(), v);
    }

    static VideoRecord withNFrames(VideoRecord r, int n) {
        return new VideoRecord(r.key(), r.name(), r.features(), r.gtscore(), r.gtsummary(), r.userSummary(),
                r.userScores(), r.changePoints(), r.nFramePerSeg(), n, r.picks());
    }
}
