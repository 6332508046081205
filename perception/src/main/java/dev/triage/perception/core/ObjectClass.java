package dev.triage.perception.core;

/** Label names shared by the shipped urban expert, the synthetic generator and the label readers. */
public final class ObjectClass {
    /** A person on foot. */
    public static final String PEDESTRIAN = "pedestrian";
    /** A person riding a bicycle (rider and bicycle in one box). */
    public static final String CYCLIST = "cyclist";
    /** A car, van, truck or bus. */
    public static final String VEHICLE = "vehicle";

    private ObjectClass() {
    }
}
