//! Dragoman's pipeline: runs ingest, annotate, resolve, cluster and compare in order and builds the report.
