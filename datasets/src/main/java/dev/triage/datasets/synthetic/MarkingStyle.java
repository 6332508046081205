package dev.triage.datasets.synthetic;

/** How a lane boundary is painted. */
enum MarkingStyle {
    /** Not painted (and therefore not labelled). */
    NONE,
    /** One continuous line. */
    SOLID,
    /** Dashes along the road. */
    DASHED,
    /** Two parallel continuous lines (centre lines). */
    DOUBLE_SOLID
}
