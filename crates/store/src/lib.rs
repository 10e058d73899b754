//! Dragoman's store: the Store trait and its embedded SQLite implementation.
