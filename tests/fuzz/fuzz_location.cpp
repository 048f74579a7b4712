// resolveLocation (core/http/location.h) for each profile (browser, curl, strict). The input's first line is
// the URL of the request (an http(s) URL; anything else is replaced by one with a fragment), every further
// line a Location value (any bytes but LF). Properties, from LocationResult's documentation:
// - the status fits the values: Missing for none, Empty for an empty one, Multiple only where the profile
//   refuses several different values; raw is the first value;
// - Ok gives a valid absolute URL (with a host for http and https) and no error; Multiple and Invalid say
//   why; the other statuses give no URL;
// - an http(s) target, as it goes on the wire (encoded, without its fragment), is printable ASCII: nothing in
//   a Location can put a CR, LF, NUL or space into the next request line.
#include "fuzzcheck.h"

#include "core/http/location.h"

using namespace Rwb;
using Status = LocationResult::Status;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QList<QByteArray> lines = Fuzz::inputLines(data, size);
    QUrl base = QUrl::fromEncoded(lines.takeFirst(), QUrl::StrictMode);
    if (!base.isValid() || base.host().isEmpty()
        || (base.scheme() != QLatin1String("http") && base.scheme() != QLatin1String("https")))
        base = QUrl(QStringLiteral("http://a.example/dir/page?q#top"));
    const QList<QByteArray> &values = lines;

    for (const Profile profile : allProfiles()) {
        const LocationResult r = resolveLocation(profile, base, values);
        const QString shown =
            profileName(profile) + QLatin1String(": ") + r.url.toString() + QLatin1Char(' ') + r.error;
        if (values.isEmpty()) {
            Fuzz::check(r.status == Status::Missing, "no value: Missing", shown);
            continue;
        }
        Fuzz::check(r.status != Status::Missing, "a value is not Missing", shown);
        Fuzz::check(r.raw == values.first(), "raw is the first value", shown);
        bool allSame = true;
        for (const QByteArray &v : values)
            allSame = allSame && v == values.first();
        Fuzz::check(r.status != Status::Multiple || (profile != Profile::Curl && !allSame),
                    "Multiple only for different values, never for curl", shown);
        if (r.status != Status::Multiple)
            Fuzz::check((r.status == Status::Empty) == values.first().trimmed().isEmpty(),
                        "Empty exactly for an empty value", shown);
        switch (r.status) {
        case Status::Ok: {
            Fuzz::check(r.error.isEmpty(), "Ok has no error", shown);
            Fuzz::check(r.url.isValid() && !r.url.isRelative(), "Ok gives a valid absolute URL", shown);
            const QString scheme = r.url.scheme();
            if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
                break;  // never requested (blocked-scheme)
            Fuzz::check(!r.url.host().isEmpty(), "an http(s) target has a host", shown);
            const QByteArray wire = r.url.toEncoded(QUrl::RemoveFragment);
            for (const char c : wire)
                Fuzz::check(uchar(c) > 0x20 && uchar(c) < 0x7f, "the target on the wire is printable ASCII",
                            QString::fromLatin1(wire));
            break;
        }
        case Status::Multiple:
        case Status::Invalid:
            Fuzz::check(!r.error.isEmpty() && r.url.isEmpty(), "Multiple and Invalid say why, with no URL",
                        shown);
            break;
        case Status::Empty:
        case Status::Missing:
            Fuzz::check(r.url.isEmpty(), "Empty gives no URL", shown);
            break;
        }
    }
    return 0;
}
