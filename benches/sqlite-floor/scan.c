// How long SQLite itself takes to hand over the stored register events,
// before tilskot does anything with them: steps through the ten columns
// that `Store::all_events` reads, in key order, and touches each value.
// The floor under reading the register from its events (README, "Why 10x
// from the stored events is out of reach").
//
//   S=$(ls -d ~/.cargo/registry/src/*/libsqlite3-sys-0.30.1/sqlite3)
//   gcc -O2 -I"$S" benches/sqlite-floor/scan.c "$S/sqlite3.c" -o /tmp/sqlite-scan -lpthread -ldl -lm
//   /tmp/sqlite-scan /tmp/bench-cmp/bench.db ["PRAGMA ..."]
//
// Compiles the SQLite that tilskot bundles (through sqlx and
// libsqlite3-sys). Prints five runs.
#include "sqlite3.h"
#include <stdio.h>
#include <time.h>

static const char *EVENTS =
    "SELECT event, event_date, person_id, household_id, birth_date, "
    "municipality, basis, unaccompanied, country, mother_id "
    "FROM register_event ORDER BY id";

static double milliseconds_since(const struct timespec *start) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (now.tv_sec - start->tv_sec) * 1e3 + (now.tv_nsec - start->tv_nsec) / 1e6;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s DATABASE_FILE [PRAGMA ...]\n", argv[0]);
    return 2;
  }
  sqlite3 *db;
  if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, 0) != SQLITE_OK) {
    fprintf(stderr, "%s: %s\n", argv[1], sqlite3_errmsg(db));
    return 1;
  }
  if (argc > 2 && sqlite3_exec(db, argv[2], 0, 0, 0) != SQLITE_OK) {
    fprintf(stderr, "%s: %s\n", argv[2], sqlite3_errmsg(db));
    return 1;
  }
  printf("SQLite %s, %s\n", sqlite3_libversion(), argv[1]);
  for (int run = 0; run < 5; run++) {
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    sqlite3_stmt *statement;
    if (sqlite3_prepare_v2(db, EVENTS, -1, &statement, 0) != SQLITE_OK) {
      fprintf(stderr, "%s\n", sqlite3_errmsg(db));
      return 1;
    }
    long rows = 0, bytes = 0, touched = 0;
    while (sqlite3_step(statement) == SQLITE_ROW) {
      rows++;
      for (int column = 0; column < 10; column++) {
        const unsigned char *text = sqlite3_column_text(statement, column);
        bytes += sqlite3_column_bytes(statement, column);
        if (text) touched += text[0];
      }
    }
    sqlite3_finalize(statement);
    printf("%ld events, %ld bytes of text (checksum %ld): %.1f ms\n", rows, bytes,
           touched, milliseconds_since(&start));
  }
  sqlite3_close(db);
  return 0;
}
