#include "core/check/expectationjson.h"

#include "core/json/jsonreader.h"
#include "core/json/jsonwriter.h"

#include <QJsonDocument>

namespace Rwb {

void writeExpectationJson(JsonWriter &j, const Expectation &e)
{
    j.beginObject();
    j.key("kind");
    j.value(expectationKindName(e.kind));
    switch (e.kind) {
    case ExpectationKind::HopCount:
        j.key("count");
        j.value(e.number);
        if (e.match == Expectation::Match::AtMost) {
            j.key("match");
            j.string(QByteArrayLiteral("atMost"));
        }
        break;
    case ExpectationKind::StatusSequence:
        j.key("statuses");
        j.beginArray();
        for (int s : e.statuses)
            j.value(s);
        j.endArray();
        break;
    case ExpectationKind::FinalUrl:
        j.key("url");
        j.value(e.text);
        if (e.match == Expectation::Match::Pattern) {
            j.key("match");
            j.string(QByteArrayLiteral("pattern"));
        }
        break;
    case ExpectationKind::FinalStatus:
        j.key("status");
        j.value(e.number);
        break;
    case ExpectationKind::HopLocation:
        j.key("hop");
        j.value(e.number);
        j.key("location");
        j.value(e.text);
        break;
    case ExpectationKind::FinalMethod:
        j.key("method");
        j.value(e.text);
        break;
    case ExpectationKind::NoDowngrade:
    case ExpectationKind::NoCrossOriginAuthorization:
        break;
    case ExpectationKind::CookieSet:
        j.key("cookie");
        j.value(e.text);
        break;
    case ExpectationKind::MaxTotalTime:
        j.key("ms");
        j.value(e.number);
        break;
    case ExpectationKind::Outcome:
        j.key("outcome");
        j.value(e.text);
        break;
    }
    j.endObject();
}

QJsonObject expectationToJson(const Expectation &e)
{
    JsonWriter j;
    writeExpectationJson(j, e);
    return QJsonDocument::fromJson(j.finish()).object();
}

std::optional<Expectation> readExpectationJson(const JsonReader &in)
{
    using Need = JsonReader::Need;
    Expectation e;
    if (!in.at("kind").name(&e.kind, expectationKindFromName, QStringLiteral("is not a known expectation"),
                            Need::Required))
        return std::nullopt;
    // Fields a kind needs say so when they are missing; "match" is optional, absent is exact.
    const auto integer = [&in, &e](const char *key) {
        return in.at(key).integer(&e.number, Need::RequiredSaysMissing);
    };
    const auto text = [&in, &e](const char *key) {
        return in.at(key).string(&e.text, Need::RequiredSaysMissing);
    };
    bool ok = true;
    switch (e.kind) {
    case ExpectationKind::HopCount:
        ok = integer("count")
             && in.at("match").choice(
                 &e.match, {{"exact", Expectation::Match::Exact}, {"atMost", Expectation::Match::AtMost}});
        break;
    case ExpectationKind::StatusSequence:
        ok = in.at("statuses").integers(&e.statuses, Need::Required);
        break;
    case ExpectationKind::FinalUrl:
        ok = text("url")
             && in.at("match").choice(
                 &e.match, {{"exact", Expectation::Match::Exact}, {"pattern", Expectation::Match::Pattern}});
        break;
    case ExpectationKind::FinalStatus:
        ok = integer("status");
        break;
    case ExpectationKind::HopLocation:
        ok = integer("hop") && text("location")
             && (e.number >= 0 || in.at("hop").fail(QStringLiteral("expected a hop index, 0 or more")));
        break;
    case ExpectationKind::FinalMethod:
        ok = text("method");
        break;
    case ExpectationKind::NoDowngrade:
    case ExpectationKind::NoCrossOriginAuthorization:
        break;
    case ExpectationKind::CookieSet:
        ok = text("cookie");
        break;
    case ExpectationKind::MaxTotalTime:
        ok = integer("ms");
        break;
    case ExpectationKind::Outcome:
        ok = text("outcome")
             && (outcomeKindFromName(e.text)
                 || in.at("outcome").fail(QStringLiteral("\"%1\" is not a known outcome").arg(e.text)));
        break;
    }
    if (!ok)
        return std::nullopt;
    return e;
}

std::optional<Expectation> expectationFromJson(const QJsonObject &o, QString *error)
{
    QString why;
    std::optional<Expectation> e = readExpectationJson(JsonReader(o, &why));
    if (!e && error)
        *error = why;
    return e;
}

}  // namespace Rwb
