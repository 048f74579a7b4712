#pragma once

#include "core/http/trace.h"

#include <QString>
#include <QStringList>

namespace Rwb {

// Quotes one word for a POSIX shell (bash): 'plain' quoting, $'...' when it holds control bytes or
// bytes that are not UTF-8; words of only safe characters stay bare. No shell word can hold a NUL byte
// (bash ends the argument there), which is why bodies with one are piped in through printf.
QString shellQuote(const QByteArray &word);

struct CurlExportOptions {
    bool insecure = false;  // add -k (the hop's TLS errors were accepted)
    bool multiline = true;  // one option per line with " \" continuations
};

// A curl command line that sends exactly this request once: same method, URL, header lines in order
// and body; no -L (one hop). Headers curl would add on its own are suppressed ("Name:" form) when the
// hop did not send them, so the server receives the same head. Limits of curl itself: it always writes
// Host first, and computes Content-Length itself when the recorded one is missing or wrong.
QString curlCommandForRequest(const WireRequest &request, const CurlExportOptions &options = {});

}  // namespace Rwb
