"""Merging laptops: snapshots, the merge rules, conflicts and likely duplicates."""
