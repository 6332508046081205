package dev.triage.datasets.synthetic;

import dev.triage.perception.core.GroundTruth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Renders one frame of a world: ground and sky layer, scenery, actors far to near, camera effects; then derives the
 * ground truth from what was drawn. Reuses one native image and buffers across frames; close it to free them.
 */
final class FrameRenderer implements AutoCloseable {
    private final int width;
    private final int height;
    private final Mat mat;
    private final Canvas canvas;
    private final BaseLayerPainter base;
    private final PostProcessor post;
    private final TruthBuilder truth;
    private final byte[] buf;
    private final SceneryRenderer urban = new UrbanSceneRenderer();
    private final SceneryRenderer highway = new HighwaySceneRenderer();

    FrameRenderer(int width, int height, long seed) {
        this.width = width;
        this.height = height;
        this.mat = new Mat(height, width, CvType.CV_8UC3);
        this.canvas = new Canvas(mat);
        this.base = new BaseLayerPainter(width, height, new TextureBank(seed));
        this.post = new PostProcessor(width, height, seed);
        this.truth = new TruthBuilder(width, height);
        this.buf = new byte[width * height * 3];
    }

    SyntheticFrame render(int index, SceneWorld world, FrameView view, Effects fx, SplittableRandom rng) {
        GroundView ground = GroundView.of(view.camera(), view.road());
        base.paint(buf, view, ground, world);
        mat.put(0, 0, buf);
        canvas.setView(view, ground);
        (world.scene() == Scene.URBAN ? urban : highway).drawScenery(canvas, world);
        double far = Math.min(world.layout().drawDistance() + 10, ground.visibleTo());
        List<Actor> visible = new ArrayList<>();
        for (Actor a : world.actors()) {
            double z = a.motion().sAt(view.time()) - view.sEgo();
            if (z > 1 && z < far) {
                visible.add(a);
            }
        }
        visible.sort(Comparator.comparingDouble((Actor a) -> a.nearZ(view)).reversed());
        List<Silhouette> drawn = new ArrayList<>();
        for (Actor a : visible) {
            Silhouette s = a.draw(canvas);
            if (s != null) {
                drawn.add(s);
            }
        }
        post.apply(mat, rng, fx);
        byte[] out = new byte[width * height * 3];
        mat.get(0, 0, out);
        TruthBuilder.Labels labels = truth.build(drawn);
        GroundTruth gt = new GroundTruth(Optional.of(world.scene().wireName()), labels.objects(), labels.ignore(),
                Optional.of(LaneLabeler.label(view.camera(), ground, view.road())), true);
        return new SyntheticFrame(index, world.scene(), width, height, out, gt);
    }

    @Override
    public void close() {
        canvas.close();
        post.close();
        mat.release();
    }
}
