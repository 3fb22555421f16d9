"""The library: stored summaries (`store`) and how they are chosen and filed (`filters`)."""
