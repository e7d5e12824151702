package sspvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import sspvs.summarize.FeatureExtractorSettings.Preset;

class FeatureExtractorOptionsTest {
    @Command(name = "probe")
    static final class Probe {
        @Mixin
        FeatureExtractorOptions features;
    }

    private static FeatureExtractorOptions parsed(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.features;
    }

    @Test
    void thePresetNamesBecomeThePresets() {
        assertEquals(Preset.GOOGLENET, parsed("--features-preset", "googlenet").settings().preset());
        assertEquals(Preset.PLAIN, parsed("--features-preset", "plain").settings().preset());
        assertNull(parsed().settings().preset(), "no option leaves the choice to the model file");
    }

    @Test
    void anUnknownPresetIsAOneLineUsageErrorListingThePresets() {
        CommandRun r = CommandRun.of("summarize", "video.mp4", "--features-preset", "resnet");
        assertEquals(2, r.exitCode(), r.err());
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.contains("--features-preset") && first.contains("must be googlenet or plain, not 'resnet'"),
                r.err());
    }

    @Test
    void anInputSizeThatIsNotWidthByHeightIsAOneLineErrorNamingTheOption() {
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {320, 240},
                parsed("--features-input", "320X240").settings().inputSizeOrNull());
        for (String bad : List.of("224", "axb", "224x")) {
            sspvs.UserException e = org.junit.jupiter.api.Assertions.assertThrows(sspvs.UserException.class,
                    () -> parsed("--features-input", bad).settings());
            assertEquals("--features-input must be WIDTHxHEIGHT, e.g. 224x224, not '" + bad + "'", e.getMessage());
        }
    }

    @Test
    void thePresetsAreTheOptionsCompletionCandidates() {
        CommandLine.Model.OptionSpec option = new CommandLine(new Probe()).getCommandSpec()
                .findOption("--features-preset");
        assertEquals(List.of("googlenet", "plain"),
                StreamSupport.stream(option.completionCandidates().spliterator(), false).toList());
    }
}
