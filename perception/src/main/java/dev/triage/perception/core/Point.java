package dev.triage.perception.core;

/**
 * A point in image pixels.
 *
 * @param x column
 * @param y row
 */
public record Point(double x, double y) {
}
