"""The parts of :mod:`gkmodel.batch`: one file's record, the outputs, the pool, the resume state."""
