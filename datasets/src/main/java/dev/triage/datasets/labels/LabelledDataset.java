package dev.triage.datasets.labels;

import dev.triage.datasets.eval.DetectionScope;
import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;
import dev.triage.perception.core.GroundTruth;
import dev.triage.perception.core.LaneRows;
import dev.triage.perception.core.ObjectClass;
import dev.triage.perception.core.PerceptionResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The frames and labels of a dataset folder, loaded eagerly (labels only; images stay on disk).
 *
 * <h2>Layout</h2>
 * A dataset folder is either one set (a folder with its own {@code labels.csv}) or a folder of sets whose root
 * {@code labels.csv} lists every frame (like {@code shared/data}); without a root {@code labels.csv}, the
 * {@code labels.csv} of every immediate subfolder is read, in name order. Each frame belongs to the set of the
 * nearest folder above it that holds a {@code labels.csv}; that set's label files apply:
 * <ul>
 *   <li><b>scene</b>: {@code labels.csv} ({@code filename,scene,source});</li>
 *   <li><b>boxes</b>, first that applies: KITTI {@code label_2/<stem>.txt} beside an {@code image_2/} folder (skipped
 *       when its 2D boxes are invalid: any object line with x1 = x2, as in the Argoverse export), the set's
 *       {@code boxes.csv}, the set's {@code boxes_projected.csv}. A frame is box-labelled only if its label file
 *       exists or the csv lists it;</li>
 *   <li><b>lanes</b>: TuSimple JSON lines anywhere in the set ({@code raw_file} relative to the JSON file), or a
 *       LaneNet mask {@code gt_instance_image/<name>} (else {@code gt_binary_image/<name>}) beside the image's
 *       folder.</li>
 * </ul>
 *
 * <h2>Box policy</h2>
 * Classes map as in {@link BoxClasses}; {@code DontCare} and unmapped classes become ignore regions.
 * <ul>
 *   <li><b>Projected (weak) sets</b>: boxes from {@code boxes_projected.csv}, or any box of a set whose folder name
 *       starts with {@code nuscenes} or {@code argoverse}. These come from 3D labels without a visibility filter;
 *       per {@code shared/data/README.md} their pedestrian (and cyclist) boxes are <b>ignore regions</b>, their
 *       vehicle boxes are scored as weak labels only, and {@code objectsLabelled} is false.</li>
 *   <li><b>Other sets</b> (hand-drawn visible boxes, KITTI): a box is an ignore region when KITTI's "hard" limits
 *       exclude it (truncated &gt; 0.5, occluded &gt; 2, or under 25 px tall); the scored classes are the shipped
 *       classes that occur in the set's box labels, and {@code objectsLabelled} is true only when those cover
 *       pedestrian, cyclist and vehicle (a pedestrian-only set does not label its cars).</li>
 * </ul>
 * Anything missing (a label file, an image) becomes a {@link #notes() note}, never an exception; a malformed label
 * line throws {@link LabelFormatException} naming the file and line.
 *
 * <h2>Labels of a recording ({@link #loadStamped(Path)})</h2>
 * A recording's labels sidecar is one set whose files name frames by header stamp ({@code stamp} in place of
 * {@code filename}, see {@link FrameKeys}): {@code labels.csv} ({@code stamp,scene,source}), {@code boxes.csv} /
 * {@code boxes_projected.csv} ({@code stamp,class,x1,y1,x2,y2,...}), KITTI {@code label_2/<stamp in ns>.txt} and
 * TuSimple JSON lines with {@code "stamp"} in place of {@code "raw_file"}. The same box policy applies; LaneNet masks
 * (images named like the frame's file) do not. Frame ids are the stamps in nanoseconds, and results find their frame
 * by {@link PerceptionResult#stampNanos()} ({@link #frameOf}).
 */
public final class LabelledDataset {
    private static final String LABELS = "labels.csv";
    private static final Pattern PROJECTED_SET = Pattern.compile("(?i)^(nuscenes|argoverse).*");
    private static final Set<String> ALL_CLASSES = Set.of(ObjectClass.PEDESTRIAN, ObjectClass.CYCLIST,
            ObjectClass.VEHICLE);

    private final Path root;
    private final List<LabelledFrame> frames;
    private final List<String> notes;
    private final Map<String, LabelledFrame> byId;
    private final boolean stamped;

    private LabelledDataset(Path root, List<LabelledFrame> frames, List<String> notes, boolean stamped) {
        this.root = root;
        this.stamped = stamped;
        this.frames = List.copyOf(frames);
        this.notes = List.copyOf(notes);
        Map<String, LabelledFrame> m = new HashMap<>();
        frames.forEach(f -> m.put(f.id(), f));
        this.byId = m;
    }

    /** Whether {@code folder} is a labelled dataset: it, or one of its immediate subfolders, holds labels.csv. */
    public static boolean isDataset(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        if (Files.isRegularFile(folder.resolve(LABELS))) {
            return true;
        }
        return !subsetCsvs(folder).isEmpty();
    }

    private static List<Path> subsetCsvs(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isDirectory).map(d -> d.resolve(LABELS)).filter(Files::isRegularFile).sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Loads {@code folder}.
     *
     * @throws java.nio.file.NoSuchFileException when the folder does not exist
     * @throws LabelFormatException              naming the file and line of a malformed label
     * @throws IOException                       when a label file cannot be read
     */
    public static LabelledDataset load(Path folder) throws IOException {
        Path root = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new java.nio.file.NoSuchFileException(folder.toString(), null, "no such dataset folder");
        }
        List<LabelsCsv.Entry> entries = new ArrayList<>();
        if (Files.isRegularFile(root.resolve(LABELS))) {
            entries.addAll(LabelsCsv.read(root.resolve(LABELS)));
        } else {
            List<Path> csvs = subsetCsvs(root);
            if (csvs.isEmpty()) {
                throw new java.nio.file.NoSuchFileException(root.resolve(LABELS).toString(), null,
                        "not a labelled dataset: no labels.csv in it or its subfolders");
            }
            for (Path csv : csvs) {
                entries.addAll(LabelsCsv.read(csv));
            }
        }
        refuseMixedKeys(entries, false, root);
        return new Loader(root, false).load(entries);
    }

    /**
     * Loads the labels sidecar of a recording: {@code folder/labels.csv} keyed by {@code stamp}, and the set's other
     * label files keyed the same way (see the class comment).
     *
     * @throws java.nio.file.NoSuchFileException when the folder or its labels.csv does not exist
     * @throws LabelFormatException              naming the file and line of a malformed label, a label file keyed
     *                                           by filename, or a stamp listed twice
     * @throws IOException                       when a label file cannot be read
     */
    public static LabelledDataset loadStamped(Path folder) throws IOException {
        Path root = folder.toAbsolutePath().normalize();
        Path csv = root.resolve(LABELS);
        if (!Files.isRegularFile(csv)) {
            throw new java.nio.file.NoSuchFileException(csv.toString(), null,
                    "no labels.csv (stamp,scene,source) in the labels folder");
        }
        List<LabelsCsv.Entry> entries = LabelsCsv.read(csv);
        refuseMixedKeys(entries, true, root);
        Map<Path, Integer> seen = new HashMap<>();
        for (LabelsCsv.Entry e : entries) {
            Integer before = seen.putIfAbsent(e.file(), e.line());
            if (before != null) {
                throw LabelFormatException.at(csv, e.line(), "stamp " + e.filename() + " is listed twice (line "
                        + before + ")");
            }
        }
        return new Loader(root, true).load(entries);
    }

    /** A sidecar keyed by filename, or an image folder's labels.csv keyed by stamp, is refused with the reason. */
    private static void refuseMixedKeys(List<LabelsCsv.Entry> entries, boolean stamped, Path root)
            throws LabelFormatException {
        for (LabelsCsv.Entry e : entries) {
            if (e.stamped() != stamped) {
                throw new LabelFormatException(root.resolve(LABELS) + ":" + e.line() + ": " + (stamped
                        ? "a recording's labels name frames by header stamp (header row stamp,scene,source), "
                        + "not by filename"
                        : "frames named by stamp are a recording's labels: give the recording and --labels "
                        + root));
            }
        }
    }
    /** The dataset folder (absolute). */
    public Path root() {
        return root;
    }

    /** Every frame, in labels.csv order. */
    public List<LabelledFrame> frames() {
        return frames;
    }

    /** What was missing or skipped while loading, one line each (a label file, an image, an unknown class). */
    public List<String> notes() {
        return notes;
    }

    /**
     * One note per labelled scene that is none of {@code scenes} (the gate's classes): a typo in a labels.csv, or a
     * scene this gate was not trained for. Names the scene, how many frames carry it and the first of them; those
     * frames still count in the gate accuracy, as misrouted.
     */
    public List<String> unknownScenes(Collection<String> scenes) {
        Map<String, List<String>> framesByScene = new TreeMap<>();
        for (LabelledFrame f : frames) {
            f.truth().scene().filter(s -> !scenes.contains(s))
                    .ifPresent(s -> framesByScene.computeIfAbsent(s, k -> new ArrayList<>()).add(f.id()));
        }
        List<String> out = new ArrayList<>();
        framesByScene.forEach((scene, ids) -> out.add("scene '" + scene + "' of " + ids.size() + " frame(s) (first: "
                + ids.get(0) + ") is not a class of this gate (" + String.join(", ", scenes)
                + "); they count as misrouted in the gate accuracy"));
        return out;
    }

    /** The frame with id {@code id} (its path relative to the dataset folder, or its stamp in nanoseconds). */
    public Optional<LabelledFrame> frame(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Whether frames are named by header stamp (a recording's labels, {@link #loadStamped(Path)}). */
    public boolean stamped() {
        return stamped;
    }

    /** The labelled frame stamped {@code stampNanos}, of a recording's labels. */
    public Optional<LabelledFrame> frameAt(long stampNanos) {
        return stamped ? frame(Long.toString(stampNanos)) : Optional.empty();
    }

    /** The labelled frame a result came from: by its stamp for a recording's labels, else by its frame id. */
    public Optional<LabelledFrame> frameOf(PerceptionResult result) {
        return stamped ? frameAt(result.stampNanos()) : frame(result.frameId());
    }

    /**
     * The frames named in {@code splitCsv} (same format as labels.csv; filenames relative to this dataset's folder,
     * like {@code training/splits/dev_val.csv}), in this dataset's order. A listed frame that the dataset lacks, a
     * frame listed again, and a split row whose scene is not the dataset's for that frame (the dataset's scene is the
     * one scored) become notes.
     *
     * @throws LabelFormatException naming the file and line of a malformed split line
     * @throws IOException          when the split file cannot be read
     */
    public LabelledDataset only(Path splitCsv) throws IOException {
        Map<String, LabelsCsv.Entry> wanted = new LinkedHashMap<>();
        List<String> splitNotes = new ArrayList<>(notes);
        for (LabelsCsv.Entry row : LabelsCsv.read(splitCsv)) {
            LabelsCsv.Entry first = wanted.putIfAbsent(row.filename().replace('\\', '/'), row);
            if (first != null) {
                splitNotes.add("split " + splitCsv + " line " + row.line() + ": " + row.filename()
                        + " is listed again (first at line " + first.line() + "); the first row counts");
            }
        }
        List<LabelledFrame> kept = frames.stream().filter(f -> wanted.containsKey(f.id())).toList();
        wanted.forEach((id, row) -> {
            Optional<LabelledFrame> frame = frame(id);
            Optional<String> labelled = frame.flatMap(f -> f.truth().scene());
            if (frame.isEmpty()) {
                splitNotes.add("split " + splitCsv + ": " + id + " is not in " + root + "; skipped");
            } else if (row.scene().isPresent() && !row.scene().equals(labelled)) {
                splitNotes.add("split " + splitCsv + " line " + row.line() + ": " + id + " has scene '"
                        + row.scene().get() + "', the dataset " + labelled.map(s -> "'" + s + "'").orElse("none")
                        + "; the dataset's is scored");
            }
        });
        splitNotes.add("split " + splitCsv + ": " + kept.size() + " of " + frames.size() + " frames evaluated");
        return new LabelledDataset(root, kept, splitNotes, stamped);
    }

    /** Per-frame detection scopes, by frame id, for {@link dev.triage.datasets.eval.EvaluationSink}. */
    public DetectionScope.Resolver scopes() {
        return r -> {
            Optional<LabelledFrame> f = frameOf(r);
            return f.isPresent() ? f.get().scope() : DetectionScope.Resolver.fromTruth().scopeOf(r);
        };
    }

    /** Loads the labels of each set once and builds frames. */
    private static final class Loader {
        private final Path root;
        private final boolean stamped;
        private final List<String> notes = new ArrayList<>();
        private final Map<Path, SetLabels> sets = new LinkedHashMap<>();

        Loader(Path root, boolean stamped) {
            this.root = root;
            this.stamped = stamped;
        }

        LabelledDataset load(List<LabelsCsv.Entry> entries) throws IOException {
            List<LabelledFrame> frames = new ArrayList<>();
            Map<Path, int[]> missingImages = new LinkedHashMap<>();
            Map<Path, LabelsCsv.Entry> firstRow = new HashMap<>();
            for (LabelsCsv.Entry e : entries) {
                LabelsCsv.Entry earlier = firstRow.putIfAbsent(e.file(), e);
                if (earlier != null) {
                    notes.add(e.file() + " is listed again at labels.csv line " + e.line() + " (first at line "
                            + earlier.line() + ")" + (earlier.scene().equals(e.scene()) ? ""
                            : " with another scene (" + e.scene().orElse("none") + ", first "
                            + earlier.scene().orElse("none") + ")") + "; it is evaluated once per row");
                }
                Path setRoot = setRootOf(e.file());
                SetLabels set = sets.get(setRoot);
                if (set == null) {
                    set = new SetLabels(setRoot, root, notes, stamped);
                    sets.put(setRoot, set);
                }
                if (!stamped && !Files.isRegularFile(e.file())) {
                    missingImages.computeIfAbsent(setRoot, k -> new int[1])[0]++;
                    if (missingImages.get(setRoot)[0] <= 3) {
                        notes.add("missing image " + e.file() + " (labels.csv line " + e.line()
                                + "); it will fail to decode");
                    }
                }
                frames.add(set.frame(e, id(e.file())));
            }
            missingImages.forEach((s, n) -> {
                if (n[0] > 3) {
                    notes.add(n[0] + " images listed in " + s.resolve(LABELS) + " are missing");
                }
            });
            for (SetLabels set : sets.values()) {
                set.summarise();
            }
            return new LabelledDataset(root, frames, notes, stamped);
        }

        private String id(Path file) {
            if (FrameKeys.isStamp(file)) {
                return Long.toString(FrameKeys.stampOf(file));
            }
            Path rel = file.startsWith(root) ? root.relativize(file) : file;
            return rel.toString().replace('\\', '/');
        }

        /** Nearest folder at or above the image's folder, within the dataset, that holds labels.csv. */
        private Path setRootOf(Path image) {
            for (Path p = image.getParent(); p != null && p.startsWith(root); p = p.getParent()) {
                if (Files.isRegularFile(p.resolve(LABELS))) {
                    return p;
                }
            }
            return root;
        }
    }

    /** The label files of one set. */
    private static final class SetLabels {
        private final Path setRoot;
        private final String name;
        private final boolean stamped;
        private final boolean projectedSet;
        private final List<String> notes;
        private final Map<Path, List<RawBox>> boxesCsv;
        private final Map<Path, List<RawBox>> projectedCsv;
        private final Map<Path, TuSimpleJson.Label> tusimple = new HashMap<>();
        private final Map<String, LabelFile> label2 = new HashMap<>();
        private final Set<String> setClasses = new TreeSet<>();
        private final Set<String> ignoredClasses = new TreeSet<>();
        private final Map<String, Integer> boxSources = new LinkedHashMap<>();
        private final Map<String, Integer> laneSources = new LinkedHashMap<>();
        private final Set<Path> missingLabel2 = new LinkedHashSet<>();
        private final Set<Path> missingMasks = new LinkedHashSet<>();
        private final Set<Path> invalidLabel2 = new LinkedHashSet<>();
        private final Set<Path> usedTuSimple = new java.util.HashSet<>();
        private final List<Path> tusimpleFiles = new ArrayList<>();
        private final Map<String, Set<String>> classCache = new HashMap<>();
        private int frames;

        private record LabelFile(List<RawBox> boxes, boolean valid) {
        }

        SetLabels(Path setRoot, Path datasetRoot, List<String> notes, boolean stamped) throws IOException {
            this.setRoot = setRoot;
            this.stamped = stamped;
            this.name = setRoot.getFileName() == null ? setRoot.toString() : setRoot.getFileName().toString();
            this.projectedSet = PROJECTED_SET.matcher(name).matches();
            this.notes = notes;
            Path b = setRoot.resolve("boxes.csv");
            Path p = setRoot.resolve("boxes_projected.csv");
            this.boxesCsv = Files.isRegularFile(b) ? BoxesCsv.read(b) : Map.of();
            this.projectedCsv = Files.isRegularFile(p) ? BoxesCsv.read(p) : Map.of();
            for (Path json : tusimpleJsonFiles(setRoot, setRoot.equals(datasetRoot))) {
                tusimpleFiles.add(json);
                for (TuSimpleJson.Label l : TuSimpleJson.read(json)) {
                    Path file = l.file();
                    Path fromSet = setRoot.resolve(l.rawFile()).normalize();
                    tusimple.put(Files.isRegularFile(file) || !Files.isRegularFile(fromSet) ? file : fromSet, l);
                }
            }
        }

        /** TuSimple JSON files under the set (depth 4); at a dataset root of sets, only its own level. */
        private static List<Path> tusimpleJsonFiles(Path setRoot, boolean isDatasetRoot) throws IOException {
            try (Stream<Path> s = Files.walk(setRoot, 4)) {
                return s.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                        .filter(Files::isRegularFile)
                        .filter(f -> !isDatasetRoot || !hasNestedLabels(setRoot, f))
                        .filter(TuSimpleJson::looksLikeTuSimple).sorted().toList();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }

        private static boolean hasNestedLabels(Path setRoot, Path file) {
            for (Path d = file.getParent(); d != null && !d.equals(setRoot); d = d.getParent()) {
                if (Files.isRegularFile(d.resolve(LABELS))) {
                    return true;
                }
            }
            return false;
        }

        LabelledFrame frame(LabelsCsv.Entry e, String id) throws IOException {
            frames++;
            Path image = e.file();
            List<RawBox> raw = null;
            String boxSource = null;
            boolean projected = projectedSet;
            Path parent = image.getParent();
            Optional<Path> label2 = label2Of(image);
            if (label2.isPresent()) {
                Path txt = label2.get();
                LabelFile lf = readLabel2(txt);
                if (lf == null) {
                    missingLabel2.add(txt);
                } else if (!lf.valid()) {
                    invalidLabel2.add(txt);
                } else {
                    raw = lf.boxes();
                    boxSource = setRoot.relativize(txt).toString();
                }
            }
            if (raw == null && boxesCsv.containsKey(image)) {
                raw = boxesCsv.get(image);
                boxSource = "boxes.csv";
            }
            if (raw == null && projectedCsv.containsKey(image)) {
                raw = projectedCsv.get(image);
                boxSource = "boxes_projected.csv";
                projected = true;
            }

            List<Detection> objects = new ArrayList<>();
            List<BoundingBox> ignore = new ArrayList<>();
            Optional<DetectionScope> scope = Optional.empty();
            boolean objectsLabelled = false;
            if (raw != null) {
                Set<String> present = new TreeSet<>();
                for (RawBox r : raw) {
                    Optional<String> cls = r.shippedClass();
                    if (cls.isEmpty()) {
                        if (!r.rawClass().equalsIgnoreCase("DontCare")) {
                            ignoredClasses.add(r.rawClass());
                        }
                        ignore.add(r.box());
                    } else if (projected && !cls.get().equals(ObjectClass.VEHICLE)) {
                        ignore.add(r.box());
                    } else if (!projected && (r.truncated() > 0.5 || r.occluded() > 2 || r.box().height() < 25)) {
                        ignore.add(r.box());
                        present.add(cls.get());
                    } else {
                        objects.add(new Detection(cls.get(), 1.0, r.box()));
                        present.add(cls.get());
                    }
                }
                setClasses.addAll(present);
                boxSources.merge(boxSource.startsWith("label_2") || boxSource.contains("label_2")
                        ? "label_2" : boxSource, 1, Integer::sum);
                Set<String> scored = projected ? Set.of(ObjectClass.VEHICLE) : setClassesFor(boxSource);
                scope = Optional.of(DetectionScope.of(scored, projected));
                objectsLabelled = !projected && scored.containsAll(ALL_CLASSES);
            }

            Optional<LaneRows> lanes = Optional.empty();
            String laneSource = null;
            TuSimpleJson.Label ts = tusimple.get(image);
            if (ts != null) {
                lanes = Optional.of(ts.lanes());
                laneSource = "TuSimple JSON";
                usedTuSimple.add(image);
            } else if (!stamped && parent != null && parent.getParent() != null) {
                Path instance = parent.getParent().resolve("gt_instance_image").resolve(image.getFileName());
                Path binary = parent.getParent().resolve("gt_binary_image").resolve(image.getFileName());
                if (Files.isRegularFile(instance)) {
                    lanes = Optional.of(LaneNetMasks.fromInstanceMask(instance));
                    laneSource = "LaneNet instance mask";
                } else if (Files.isRegularFile(binary)) {
                    lanes = Optional.of(LaneNetMasks.fromBinaryMask(binary));
                    laneSource = "LaneNet binary mask";
                } else if (Files.isDirectory(instance.getParent()) || Files.isDirectory(binary.getParent())) {
                    missingMasks.add(instance);
                }
            }
            if (laneSource != null) {
                laneSources.merge(laneSource, 1, Integer::sum);
            }
            GroundTruth truth = new GroundTruth(e.scene(), objects, ignore, lanes, objectsLabelled);
            return new LabelledFrame(id, image, name, truth, scope,
                    Optional.ofNullable(boxSource), Optional.ofNullable(laneSource));
        }

        /**
         * The KITTI label file of a frame: {@code label_2/<stem>.txt} beside the image's {@code image_2} folder, or
         * for a recording's frame {@code label_2/<stamp in ns>.txt} in the set folder, when that label_2 folder
         * exists.
         */
        private Optional<Path> label2Of(Path image) {
            if (stamped) {
                Path dir = setRoot.resolve("label_2");
                return Files.isDirectory(dir) ? Optional.of(dir.resolve(image.getFileName() + ".txt"))
                        : Optional.empty();
            }
            Path parent = image.getParent();
            if (parent != null && parent.getFileName() != null
                    && parent.getFileName().toString().equals("image_2") && parent.getParent() != null
                    && Files.isDirectory(parent.getParent().resolve("label_2"))) {
                return Optional.of(parent.getParent().resolve("label_2").resolve(stem(image) + ".txt"));
            }
            return Optional.empty();
        }

        /**
         * The shipped classes occurring anywhere in this set's source of complete labels. Computed from the whole
         * file, so a frame that happens to show no cyclist still scores cyclist detections.
         */
        private Set<String> setClassesFor(String boxSource) throws IOException {
            Set<String> cached = classCache.get(boxSource.contains("label_2") ? "label_2" : boxSource);
            if (cached != null) {
                return cached;
            }
            Set<String> classes = new TreeSet<>();
            if (boxSource.equals("boxes.csv")) {
                boxesCsv.values().forEach(l -> l.forEach(r -> r.shippedClass().ifPresent(classes::add)));
            } else {
                Path dir = setRoot.resolve(boxSource).getParent();
                try (Stream<Path> s = Files.list(dir)) {
                    for (Path txt : s.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                        LabelFile lf = readLabel2(txt);
                        if (lf != null && lf.valid()) {
                            lf.boxes().forEach(r -> r.shippedClass().ifPresent(classes::add));
                        }
                    }
                }
            }
            classCache.put(boxSource.contains("label_2") ? "label_2" : boxSource, classes);
            return classes;
        }

        private LabelFile readLabel2(Path txt) throws IOException {
            String key = txt.toString();
            if (label2.containsKey(key)) {
                return label2.get(key);
            }
            LabelFile lf = null;
            if (Files.isRegularFile(txt)) {
                List<RawBox> boxes = KittiLabels.read(txt);
                boolean valid = boxes.stream().noneMatch(r -> r.box().width() <= 0 && r.shippedClass().isPresent());
                lf = new LabelFile(boxes, valid);
            }
            label2.put(key, lf);
            return lf;
        }

        void summarise() {
            StringBuilder s = new StringBuilder(name).append(": ").append(frames).append(" labelled frames");
            if (boxSources.isEmpty()) {
                s.append("; no box labels");
            } else {
                boxSources.forEach((src, n) -> s.append("; boxes from ").append(src).append(" on ").append(n));
                s.append(projectedSet || boxSources.containsKey("boxes_projected.csv")
                        ? " (projected 3D boxes: pedestrians are ignore regions, vehicles weak labels)"
                        : " (classes scored: " + String.join(", ", setClasses) + ")");
            }
            if (laneSources.isEmpty()) {
                s.append("; no lane labels");
            } else {
                laneSources.forEach((src, n) -> s.append("; lanes from ").append(src).append(" on ").append(n));
            }
            notes.add(s.toString());
            if (!invalidLabel2.isEmpty()) {
                notes.add(name + ": " + invalidLabel2.size() + " label_2 files have invalid 2D boxes (x1 = x2); "
                        + (projectedCsv.isEmpty() ? "their boxes are not used" : "boxes_projected.csv used instead"));
            }
            if (!missingLabel2.isEmpty()) {
                notes.add(name + ": no label_2 file for " + missingLabel2.size() + " image_2 frame(s), e.g. "
                        + missingLabel2.iterator().next() + "; their boxes are not scored");
            }
            if (!missingMasks.isEmpty()) {
                notes.add(name + ": no LaneNet mask for " + missingMasks.size() + " frame(s), e.g. "
                        + missingMasks.iterator().next() + "; their lanes are not scored");
            }
            if (!ignoredClasses.isEmpty()) {
                notes.add(name + ": classes treated as ignore regions: " + String.join(", ", ignoredClasses));
            }
            long unused = tusimple.keySet().stream().filter(k -> !usedTuSimple.contains(k)).count();
            if (unused > 0) {
                notes.add(name + ": " + unused + " TuSimple label line(s) in " + tusimpleFiles
                        + " name images not listed in labels.csv; skipped");
            }
        }

        private static String stem(Path file) {
            String n = file.getFileName().toString();
            int dot = n.lastIndexOf('.');
            return dot > 0 ? n.substring(0, dot) : n;
        }
    }
}
