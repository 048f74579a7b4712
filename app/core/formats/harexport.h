#pragma once

#include "core/http/trace.h"

#include <QByteArray>

namespace Rwb {

// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/): one entry per hop that has a response or
// an error, with redirectURL, timings, request and response headers, cookies, postData and content.
// Synthetic hops (HSTS internal redirect) become entries too, marked with "_synthetic": true.
QByteArray traceToHar(const Trace &trace);

}  // namespace Rwb
