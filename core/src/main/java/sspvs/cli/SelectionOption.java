package sspvs.cli;

import java.util.Locale;
import picocli.CommandLine;
import sspvs.report.EpochSelection;

/** Parses {@code --selection validation|test}; anything else is picocli's one-line usage error (exit 2). */
final class SelectionOption implements CommandLine.ITypeConverter<EpochSelection.Selection> {
    @Override
    public EpochSelection.Selection convert(String value) {
        for (EpochSelection.Selection s : EpochSelection.Selection.values()) {
            if (s.label().equals(value.strip().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new CommandLine.TypeConversionException("must be validation or test, got '" + value + "'");
    }
}
