#pragma once

#include "core/http/trace.h"

#include <QByteArray>

namespace Rwb {

// The trace as a shell script that replays its hops one by one, each with its own curl command (no -L),
// a comment line per hop saying what it got. It starts with #!/bin/sh, or with bash when a command needs
// bash's $'...' quoting (control bytes, bytes not UTF-8). Synthetic hops have no command.
QByteArray traceToCurlScript(const Trace &trace);

}  // namespace Rwb
