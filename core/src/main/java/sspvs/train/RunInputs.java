package sspvs.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import sspvs.UserException;
import sspvs.config.RunConfig;
import sspvs.data.DataDirectory;

/**
 * Finds the files a config names. Configs use the reference's relative paths ({@code data/tvsum.h5},
 * {@code splits/tvsum_splits.json}, {@code pretrained_model.ckpt}), which the reference resolves against its
 * repository root. We look, in order:
 * <ul>
 *   <li>data file: {@code --data DIR}/its file name; without {@code --data}, the path as written (relative to the
 *       working folder), then under the project folder (the config file's folder's parent). Configs without
 *       {@code data_file} (augmented, transfer) read several files from the data folder: {@code --data DIR}, else
 *       {@code data/} in the working folder, else in the project folder;</li>
 *   <li>split file: the path as written, then the project folder, then {@code DIR/}, {@code DIR/splits/} and
 *       {@code DIR/../splits/} (so {@code --data shared/data} finds {@code shared/data/splits});</li>
 *   <li>pretrained checkpoint ({@code resume}, or {@code --pretrained}): absolute, else relative to the working
 *       folder, the project folder, then {@code DIR}. {@code none} trains from scratch.</li>
 *   <li>text-guided configs only ({@code with_info_guide: true}): the token-file folder {@code info_embed_root_test}
 *       like the data file: {@code --data DIR}/its last name; without {@code --data}, as written, then under the
 *       project folder, then beside the data file.</li>
 * </ul>
 * A file found nowhere is a {@link UserException} listing where we looked and where users get it.
 *
 * @param dataFile the canonical data file (the config's {@code data_file}), or null
 * @param dataDir the folder holding the data files
 * @param splitFile the split file
 * @param pretrained the checkpoint to initialise from, or null for scratch
 * @param infoEmbedRoot the folder of per-video token files ({@code <video>.h5}) of a text-guided config, else null
 */
public record RunInputs(Path dataFile, Path dataDir, Path splitFile, Path pretrained, Path infoEmbedRoot) {
    /** Inputs of a config without text guidance. */
    public RunInputs(Path dataFile, Path dataDir, Path splitFile, Path pretrained) {
        this(dataFile, dataDir, splitFile, pretrained, null);
    }

    /** Where the authors' split files are. */
    public static final String SPLITS_SOURCE = "the authors' split files (tvsum_splits.json, summe_splits.json, "
            + "*_aug_splits.json, *_trans_splits.json) are in the splits/ folder of "
            + "https://github.com/HopLee6/SSPVS-PyTorch; copy them into a splits/ folder here or into DIR/splits "
            + "beside the data";
    /** Where the authors' self-supervised checkpoint is. */
    public static final String PRETRAINED_SOURCE = "the authors' self-supervised model pretrained_model.ckpt is at "
            + "https://figshare.com/articles/journal_contribution/SSPVS/29979121; put it in the project folder";

    /**
     * Resolves the config's files.
     *
     * @param configFile the config read (its folder's parent is the project folder), or null
     * @param dataDirOption {@code --data}, or null
     * @param pretrainedOption {@code --pretrained} (a file or {@code none}), or null for the config's {@code resume}
     */
    public static RunInputs resolve(RunConfig config, Path configFile, Path dataDirOption, String pretrainedOption) {
        Path project = projectFolder(configFile);
        Path dataFile = null;
        Path dataDir;
        if (config.dataFile() != null) {
            List<Path> tries = candidates(Path.of(config.dataFile()), dataDirOption, project);
            dataFile = firstExisting(tries);
            if (dataFile == null) {
                throw new UserException("data file " + config.dataFile() + " not found (looked at "
                        + describe(tries) + "). Where to get it:\n" + DataDirectory.WHERE_TO_GET_THEM,
                        UserException.Remedy.DATA_FOLDER);
            }
            dataDir = dataFile.toAbsolutePath().getParent();
        } else if (dataDirOption != null) {
            dataDir = dataDirOption;
        } else {
            Path local = Path.of("data");
            dataDir = Files.isDirectory(local) || project == null ? local : project.resolve("data");
        }
        Path split = findSplitFile(config, project, dataDirOption != null ? dataDirOption : dataDir);
        Path pretrained = findPretrained(pretrainedOption != null ? pretrainedOption : config.resume(), project,
                dataDir, pretrainedOption != null);
        Path infoEmbed = config.withInfoGuide() ? findInfoEmbed(config, project, dataDirOption, dataDir) : null;
        return new RunInputs(dataFile, dataDir, split, pretrained, infoEmbed);
    }

    /**
     * Where a path written in a config (the reference's {@code data/tvsum.h5} style) may be: in {@code --data} under
     * its file name when that option is given, else as written and under the project folder.
     */
    private static List<Path> candidates(Path written, Path dataDirOption, Path project) {
        List<Path> tries = new ArrayList<>();
        if (dataDirOption != null) {
            tries.add(dataDirOption.resolve(written.getFileName()));
        } else {
            tries.add(written);
            if (project != null) {
                tries.add(project.resolve(written));
            }
        }
        return tries;
    }

    private static Path findInfoEmbed(RunConfig config, Path project, Path dataDirOption, Path dataDir) {
        if (config.infoEmbedRootTest() == null || config.infoEmbedRootTest().isBlank()) {
            throw new UserException("config has with_info_guide: true but no info_embed_root_test (the folder of "
                    + "per-video token files <video>.h5)", UserException.Remedy.TEXT_TOKENS);
        }
        Path written = Path.of(config.infoEmbedRootTest());
        List<Path> tries = candidates(written, dataDirOption, project);
        if (dataDirOption == null) {
            tries.add(dataDir.resolve(written.getFileName())); // beside the data file
        }
        for (Path p : tries) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new UserException("text token folder " + config.infoEmbedRootTest() + " (info_embed_root_test) not "
                + "found (looked at " + describe(tries) + "); text-guided configs need one token file <video>.h5 "
                + "per video", UserException.Remedy.TEXT_TOKENS);
    }

    private static Path findSplitFile(RunConfig config, Path project, Path dataDir) {
        Path written = Path.of(config.splitFile());
        List<Path> tries = new ArrayList<>();
        tries.add(written);
        if (project != null) {
            tries.add(project.resolve(written));
        }
        Path name = written.getFileName();
        tries.add(dataDir.resolve(name));
        tries.add(dataDir.resolve("splits").resolve(name));
        Path parent = dataDir.toAbsolutePath().normalize().getParent();
        if (parent != null) {
            tries.add(parent.resolve("splits").resolve(name));
        }
        Path found = firstExisting(tries);
        if (found == null) {
            throw new UserException("split file " + config.splitFile() + " not found (looked at " + describe(tries)
                    + "); " + SPLITS_SOURCE);
        }
        return found;
    }

    private static Path findPretrained(String value, Path project, Path dataDir, boolean fromOption) {
        if (value == null || value.isBlank() || value.trim().toLowerCase(Locale.ROOT).equals("none")) {
            return null;
        }
        Path written = Path.of(value);
        List<Path> tries = new ArrayList<>();
        tries.add(written);
        if (!written.isAbsolute()) {
            if (project != null) {
                tries.add(project.resolve(written));
            }
            tries.add(dataDir.resolve(written));
        }
        Path found = firstExisting(tries);
        if (found == null) {
            throw new UserException("pretrained checkpoint " + value + " not found (" + (fromOption
                    ? "given instead of the config's 'resume'" : "the config's 'resume'") + "; looked at "
                    + describe(tries) + "); " + PRETRAINED_SOURCE, UserException.Remedy.PRETRAINED);
        }
        return found;
    }

    private static Path projectFolder(Path configFile) {
        if (configFile == null) {
            return null;
        }
        Path parent = configFile.toAbsolutePath().normalize().getParent();
        return parent == null ? null : parent.getParent();
    }

    private static Path firstExisting(List<Path> tries) {
        for (Path p : tries) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static String describe(List<Path> tries) {
        Set<String> unique = new LinkedHashSet<>();
        tries.forEach(p -> unique.add(p.toString()));
        return String.join(", ", unique);
    }
}
