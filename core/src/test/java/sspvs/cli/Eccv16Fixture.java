package sspvs.cli;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import sspvs.data.VideoRecord;
import sspvs.eval.SyntheticDataset;

/** Writes small eccv16-layout HDF5 files with jhdf for command tests. */
final class Eccv16Fixture {
    private Eccv16Fixture() {}

    /** Three generated videos (600–900 frames, 4 users), keys video_1..video_3. */
    static List<VideoRecord> videos(boolean withUserScores) {
        SplittableRandom rng = new SplittableRandom(5);
        List<VideoRecord> videos = new ArrayList<>();
        int[] frames = {600, 750, 900};
        for (int i = 0; i < frames.length; i++) {
            VideoRecord v = SyntheticDataset.video("video_" + (i + 1), frames[i], 4, rng.split());
            float[][] features = new float[v.steps()][4];
            videos.add(new VideoRecord(v.key(), v.name(), features, v.gtscore(), v.gtsummary(), v.userSummary(),
                    withUserScores ? v.userScores() : null, v.changePoints(), v.nFramePerSeg(), v.nFrames(),
                    v.picks()));
        }
        return videos;
    }

    /** Writes {@code videos} with no {@code eval_metric} attribute (like the public files). */
    static Path write(Path file, List<VideoRecord> videos) {
        return write(file, videos, null);
    }

    /** Writes {@code videos} with the root attribute {@code eval_metric} = {@code metric} (none when null). */
    static Path write(Path file, List<VideoRecord> videos, String metric) {
        try (WritableHdfFile out = HdfFile.write(file)) {
            if (metric != null) {
                out.putAttribute("eval_metric", metric);
            }
            for (VideoRecord v : videos) {
                WritableGroup g = out.putGroup(v.key());
                g.putDataset("features", v.features());
                g.putDataset("gtscore", v.gtscore());
                g.putDataset("gtsummary", v.gtsummary());
                g.putDataset("user_summary", v.userSummary());
                if (v.hasUserScores()) {
                    g.putDataset("user_scores", v.userScores());
                }
                g.putDataset("change_points", v.changePoints());
                g.putDataset("n_frame_per_seg", v.nFramePerSeg());
                g.putDataset("n_frames", v.nFrames());
                g.putDataset("picks", v.picks());
                g.putDataset("video_name", v.name());
            }
        }
        return file;
    }
}
