package dev.triage.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.image.InputSize;

import java.util.ArrayList;
import java.util.List;

/**
 * Feeds an {@link ImageTensor} to a TorchScript model and copies every output tensor to the heap. Both happen inside
 * the predictor's per-call context, whose NDManager DJL closes after the call: that is the per-frame sub-manager, so
 * no NDArray outlives its frame (see {@link InputFeed} for how the input avoids per-frame allocations).
 * Not thread-safe: one per {@link ModelRunner}.
 */
final class TensorTranslator implements Translator<ImageTensor, List<TensorData>> {

    private final InputFeed feed;

    TensorTranslator(InputSize size) {
        this.feed = new InputFeed(size);
    }

    InputFeed feed() {
        return feed;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, ImageTensor input) {
        return new NDList(feed.toArray(ctx.getNDManager(), input));
    }

    @Override
    public List<TensorData> processOutput(TranslatorContext ctx, NDList list) {
        List<TensorData> out = new ArrayList<>(list.size());
        for (NDArray a : list) {
            NDArray f = a.getDataType() == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false);
            Shape shape = f.getShape();
            out.add(new TensorData(shape.getShape(), f.toFloatArray()));
        }
        return out;
    }

    @Override
    public Batchifier getBatchifier() {
        return null; // inputs already carry the batch dimension
    }
}
