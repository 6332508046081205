package dev.triage.ros.msg;

/**
 * A nested message that no record component names (a field the Java record leaves out, such as an Object's
 * {@code twist}): read in full, so the stream stays aligned and its lengths are checked, held as an {@code Object[]}
 * of its field values, and written as zeros.
 *
 * @param fields the field types, in wire order
 */
record TupleWire(WireType[] fields) implements WireType {

    @Override
    public void write(Object value, MessageWriter out) {
        Object[] values = (Object[]) value;
        for (int i = 0; i < fields.length; i++) {
            fields[i].write(values[i], out);
        }
    }

    @Override
    public Object read(MessageReader in) {
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            values[i] = fields[i].read(in);
        }
        return values;
    }

    @Override
    public int minBytes() {
        int size = 0;
        for (WireType f : fields) {
            size += f.minBytes();
        }
        return size;
    }

    @Override
    public boolean fixedSize() {
        for (WireType f : fields) {
            if (!f.fixedSize()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Object zero() {
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            values[i] = fields[i].zero();
        }
        return values;
    }
}
