"""The curated catalog of the demo: real, common procedures written by the MotCua team."""
