package dev.triage.bench;

import dev.triage.experts.decode.CenterNetDecoder;
import dev.triage.experts.decode.DetectionParams;
import dev.triage.perception.core.ObjectClass;
import dev.triage.perception.image.InputSize;
import dev.triage.perception.image.OpenCv;
import dev.triage.perception.image.TensorPreprocessor;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Micro-benchmarks of the CPU work around the networks: resizing a 640x480 frame into a model tensor, and decoding
 * a CenterNet output map into boxes. Run with {@code bash bench/run.sh}; never part of the test suite.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PreprocessAndDecodeBenchmark {
    private TensorPreprocessor preprocessor;
    private Mat frame;
    private CenterNetDecoder decoder;
    private float[] heads;

    @Setup(Level.Trial)
    public void setUp() {
        OpenCv.load();
        preprocessor = new TensorPreprocessor();
        frame = new Mat(480, 640, CvType.CV_8UC3);
        Core.randu(frame, 0, 255);
        decoder = new CenterNetDecoder(List.of(ObjectClass.PEDESTRIAN, ObjectClass.CYCLIST, ObjectClass.VEHICLE), 4,
                DetectionParams.defaults());
        heads = new float[7 * 60 * 80];
        Random random = new Random(1);
        for (int i = 0; i < heads.length; i++) {
            heads[i] = i < 3 * 60 * 80 ? (float) Math.pow(random.nextFloat(), 8) : 10 * random.nextFloat();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        preprocessor.close();
        frame.release();
    }

    /** 640x480 BGR → 320x240 RGB CHW float tensor (the experts' input). */
    @Benchmark
    public Object preprocessExpertInput() {
        return preprocessor.toTensor(frame, new InputSize(320, 240));
    }

    /** 640x480 BGR → 128x96 tensor (the gate's input). */
    @Benchmark
    public Object preprocessGateInput() {
        return preprocessor.toTensor(frame, new InputSize(128, 96));
    }

    /** Peak search, box decoding and NMS on a 3-class 60x80 map with sparse peaks. */
    @Benchmark
    public Object decodeCenterNet() {
        return decoder.decode(heads, 60, 80, new InputSize(320, 240), 640, 480);
    }
}
