#pragma once

#include "core/http/requestcontext.h"

namespace Rwb {

class JsonReader;
class JsonWriter;

// The request context as trace JSON and session files hold it:
//     { "from": "https://a.test/page", "mode": "navigate", "credentials": "same-origin",
//       "referrerPolicy": "strict-origin-when-cross-origin", "userActivated": true }
// "from" is absent for a typed request; "referrerPolicy" absent for the page's default.
void writeRequestContextJson(JsonWriter &j, const RequestContext &context);
bool readRequestContextJson(const JsonReader &in, RequestContext *out);

// Preset cookies as [ { "url": "...", "setCookie": "..." } ].
void writePresetCookiesJson(JsonWriter &j, const QList<PresetCookie> &cookies);
bool readPresetCookiesJson(const JsonReader &in, QList<PresetCookie> *out);

}  // namespace Rwb
