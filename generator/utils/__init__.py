"""Process helpers shared by every stage."""
