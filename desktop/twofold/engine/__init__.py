"""The comparison engine: load, segment, align, diff, entities, divergences. Never imports Qt."""
