package sspvs.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine;
import sspvs.summarize.FeatureExtractorSettings.Preset;

/**
 * Parses {@code --features-preset googlenet|plain} into {@link Preset}; anything else is picocli's one-line usage
 * error (exit 2) listing the presets, which are also the option's completion candidates.
 */
final class FeaturesPresetOption implements CommandLine.ITypeConverter<Preset>, Iterable<String> {
    /** The name users type for a preset. */
    static String nameOf(Preset p) {
        return p.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public Preset convert(String value) {
        for (Preset p : Preset.values()) {
            if (nameOf(p).equals(value)) {
                return p;
            }
        }
        throw new CommandLine.TypeConversionException("must be googlenet or plain, not '" + value + "'");
    }

    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(Preset.values()).map(FeaturesPresetOption::nameOf).iterator();
    }
}
