#include "core/formats/contextjson.h"

#include "core/json/jsonreader.h"
#include "core/json/jsonwriter.h"

namespace Rwb {

namespace {

// "is not one of a, b, c" for the names of a table.
template <typename E, typename ToName> QString notOneOf(const QList<E> &values, ToName toName)
{
    QStringList names;
    for (E v : values)
        names.append(toName(v));
    return QStringLiteral("is not one of %1").arg(names.join(QLatin1String(", ")));
}

}  // namespace

void writeRequestContextJson(JsonWriter &j, const RequestContext &context)
{
    j.beginObject();
    if (!context.typed()) {
        j.key("from");
        j.string(context.from.toEncoded());
    }
    j.key("mode");
    j.value(requestModeName(context.mode));
    j.key("credentials");
    j.value(credentialsModeName(context.credentials));
    if (context.referrerPolicy) {
        j.key("referrerPolicy");
        j.value(referrerPolicyName(*context.referrerPolicy));
    }
    j.key("userActivated");
    j.value(context.userActivated);
    j.endObject();
}

bool readRequestContextJson(const JsonReader &in, RequestContext *out)
{
    static const QString modes =
        notOneOf(QList<RequestMode>{RequestMode::Navigate, RequestMode::Fetch}, requestModeName);
    static const QString credentials = notOneOf(
        QList<CredentialsMode>{CredentialsMode::Omit, CredentialsMode::SameOrigin, CredentialsMode::Include},
        credentialsModeName);
    static const QString policies = notOneOf(allReferrerPolicies(), referrerPolicyName);
    if (!in.object(JsonReader::Need::Required))
        return false;
    QString from;
    if (!in.at("from").string(&from))
        return false;
    if (!from.isEmpty()) {
        const QUrl url(from, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty())
            return in.at("from").fail(QStringLiteral("expected an absolute http(s) URL"));
        out->from = url;
    }
    if (in.has("referrerPolicy")) {
        ReferrerPolicy policy = ReferrerPolicy::StrictOriginWhenCrossOrigin;
        if (!in.at("referrerPolicy").name(&policy, referrerPolicyFromName, policies))
            return false;
        out->referrerPolicy = policy;
    }
    return in.at("mode").name(&out->mode, requestModeFromName, modes)
           && in.at("credentials").name(&out->credentials, credentialsModeFromName, credentials)
           && in.at("userActivated").boolean(&out->userActivated);
}

void writePresetCookiesJson(JsonWriter &j, const QList<PresetCookie> &cookies)
{
    j.beginArray();
    for (const PresetCookie &c : cookies) {
        j.beginObject();
        j.key("url");
        j.string(c.url.toEncoded());
        j.key("setCookie");
        j.value(QString::fromUtf8(c.setCookie));
        j.endObject();
    }
    j.endArray();
}

bool readPresetCookiesJson(const JsonReader &in, QList<PresetCookie> *out)
{
    if (!in.array())
        return false;
    for (qsizetype i = 0; i < in.size(); ++i) {
        const JsonReader c = in.at(i);
        QString url, value;
        if (!c.object(JsonReader::Need::Required, "an object with \"url\" and \"setCookie\"")
            || !c.at("url").string(&url, JsonReader::Need::RequiredSaysMissing)
            || !c.at("setCookie").string(&value, JsonReader::Need::RequiredSaysMissing))
            return false;
        QString error;
        const auto cookie = parsePresetCookie(url + QLatin1Char(' ') + value, &error);
        if (!cookie)
            return c.fail(error);
        out->append(*cookie);
    }
    return true;
}

}  // namespace Rwb
