package sspvs.spark.cli;

import sspvs.cli.FrontEndCommand;

/** Puts {@code batch} and {@code bench batch} into {@code ./sspvs} when this module is on the class path. */
public final class BatchFrontEnd implements FrontEndCommand {
    @Override
    public String name() {
        return "batch";
    }

    @Override
    public Object command() {
        return new BatchCommand();
    }

    @Override
    public Object benchCommand() {
        return new BenchBatchCommand();
    }
}
