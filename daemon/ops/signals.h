#pragma once
// SIGTERM/SIGINT handling: the first signal asks for a graceful stop (stop fetching, finish
// in-flight work, flush, commit); a second one exits at once with status 130 (offsets of work
// not yet delivered stay uncommitted, so at-least-once still holds).
// Install once from main before starting threads; StopRequested() is async-signal-safe to read.

namespace newsflow::ops {

void InstallStopHandlers();
bool StopRequested();
void RequestStop();  // same as a signal, for tests and internal fatal paths

}  // namespace newsflow::ops
