#pragma once

#include "core/check/expectations.h"

#include <QJsonObject>

#include <optional>

namespace Rwb {

class JsonReader;
class JsonWriter;

// Session-file form, one object per expectation with only the fields its kind uses:
//   {"kind": "hopCount", "count": 3, "match": "atMost"}      ("match" absent for exact)
//   {"kind": "statusSequence", "statuses": [301, 302, 200]}
//   {"kind": "finalUrl", "url": "http://*/new", "match": "pattern"}
//   {"kind": "finalStatus", "status": 200}
//   {"kind": "hopLocation", "hop": 0, "location": "/new"}
//   {"kind": "finalMethod", "method": "GET"}
//   {"kind": "noDowngrade"}
//   {"kind": "noCrossOriginAuthorization"}
//   {"kind": "cookieSet", "cookie": "session"}
//   {"kind": "maxTotalTime", "ms": 500}
//   {"kind": "outcome", "outcome": "final"}
// Reading names the bad field ("statuses[1]: expected an integer", "count: missing, expected an integer")
// and gives nullopt; unknown keys are ignored.
QJsonObject expectationToJson(const Expectation &expectation);
std::optional<Expectation> expectationFromJson(const QJsonObject &object, QString *error);
// The same object into a streaming writer, "kind" first and the other keys in the order shown above.
void writeExpectationJson(JsonWriter &writer, const Expectation &expectation);
// The expectation in a value of a larger document (a session case's); a failure names the field under
// the reader's path ("items[0].expectations[1].kind: ...").
std::optional<Expectation> readExpectationJson(const JsonReader &object);

}  // namespace Rwb
