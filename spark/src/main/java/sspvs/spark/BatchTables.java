package sspvs.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import sspvs.UserException;
import sspvs.io.OutputFolders;

/**
 * The two Parquet tables of a batch, rebuilt whole from the committed results at the end of every run, so they hold
 * exactly one row per input video ({@value #VIDEOS}) and one per shot of every ok video ({@value #SHOTS}), however
 * often videos were retried or the run restarted. Each table is written to a hidden temporary folder and then moved
 * into place, so a reader (or a run killed meanwhile) never sees half a table.
 */
public final class BatchTables {
    public static final String VIDEOS = "videos";
    public static final String SHOTS = "shots";

    /** The {@value #VIDEOS} table's columns, in order. */
    public static final StructType VIDEOS_SCHEMA = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("status", DataTypes.StringType, false)
            .add("error", DataTypes.StringType, false)
            .add("video_sha256", DataTypes.StringType, true)
            .add("duration_s", DataTypes.DoubleType, true)
            .add("fps", DataTypes.DoubleType, true)
            .add("frames", DataTypes.IntegerType, true)
            .add("shots", DataTypes.IntegerType, true)
            .add("kept_s", DataTypes.DoubleType, true)
            .add("model_sha256", DataTypes.StringType, false)
            .add("feature_extractor", DataTypes.StringType, false)
            .add("ratio", DataTypes.DoubleType, false)
            .add("seconds", DataTypes.DoubleType, false)
            .add("output", DataTypes.StringType, false);

    /** The {@value #SHOTS} table's columns, in order (shots.csv's, with the video's path and checksum). */
    public static final StructType SHOTS_SCHEMA = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("video_sha256", DataTypes.StringType, false)
            .add("index", DataTypes.IntegerType, false)
            .add("start_s", DataTypes.DoubleType, false)
            .add("end_s", DataTypes.DoubleType, false)
            .add("start_frame", DataTypes.IntegerType, false)
            .add("end_frame", DataTypes.IntegerType, false)
            .add("score", DataTypes.DoubleType, false)
            .add("selected", DataTypes.BooleanType, false);

    /** Rows per Parquet part file, roughly. */
    private static final int ROWS_PER_PART = 1_000_000;

    private BatchTables() {}

    /** Replaces both tables in {@code out} with the rows of {@code results} (in the given order). */
    public static void write(SparkSession spark, Path out, List<VideoResult> results) {
        List<Row> videos = new ArrayList<>();
        List<Row> shots = new ArrayList<>();
        for (VideoResult r : results) {
            VideoResult.VideoRow v = r.video();
            videos.add(RowFactory.create(v.path(), v.status(), v.error(), v.videoSha256(), v.durationS(), v.fps(),
                    v.frames(), v.shots(), v.keptS(), v.modelSha256(), v.featureExtractor(), v.ratio(), v.seconds(),
                    v.output()));
            for (VideoResult.ShotRow s : r.shots()) {
                shots.add(RowFactory.create(s.path(), s.videoSha256(), s.index(), s.startS(), s.endS(),
                        s.startFrame(), s.endFrame(), s.score(), s.selected()));
            }
        }
        replace(spark, out.resolve(VIDEOS), videos, VIDEOS_SCHEMA);
        replace(spark, out.resolve(SHOTS), shots, SHOTS_SCHEMA);
    }

    private static void replace(SparkSession spark, Path table, List<Row> rows, StructType schema) {
        Path target = table.toAbsolutePath().normalize();
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        spark.createDataFrame(rows, schema).coalesce(1 + rows.size() / ROWS_PER_PART).write().mode(SaveMode.ErrorIfExists)
                .parquet(uri(temp));
        try {
            OutputFolders.swapIn(target, () -> Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE));
        } catch (IOException e) {
            throw new UserException(target + ": cannot put the table in place (" + e.getMessage() + ")", e);
        }
    }

    /**
     * A local (or shared-mount) folder as Spark's file system sees it: explicitly {@code file:}, so a cluster whose
     * default file system is HDFS still writes beside the videos' folders. The path is left unencoded: Hadoop's Path
     * encodes it itself (spaces and non-ASCII letters included).
     */
    public static String uri(Path folder) {
        return "file://" + folder.toAbsolutePath().normalize();
    }
}
