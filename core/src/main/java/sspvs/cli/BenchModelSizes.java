package sspvs.cli;

import picocli.CommandLine.Option;

/** The encoder's sizes that {@code bench model} and {@code bench pretrain} share (a picocli mixin). */
final class BenchModelSizes {
    @Option(names = "--dim", defaultValue = "1024", converter = Ranges.AtLeastOne.class,
            description = "feature width d (default: ${DEFAULT-VALUE})")
    int dim;

    @Option(names = "--heads", defaultValue = "8", converter = Ranges.AtLeastOne.class,
            description = "attention heads (default: ${DEFAULT-VALUE})")
    int heads;

    @Option(names = "--ffn", defaultValue = "4096", converter = Ranges.AtLeastOne.class,
            description = "feed-forward width (default: ${DEFAULT-VALUE})")
    int ffn;

    @Option(names = "--layers", defaultValue = "3", converter = Ranges.AtLeastOne.class,
            description = "(main) encoder layers (default: ${DEFAULT-VALUE})")
    int layers;
}
