"""Charts drawn with matplotlib's object API (no pyplot state) and saved as vector PDF bytes."""
