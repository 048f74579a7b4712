#include "private/scenariobuilders_p.h"

namespace Rwb::ScenarioBuilders {

SandboxRule redirect(const QByteArray &path, int status, const QByteArray &location, const char *description)
{
    SandboxRule r;
    r.path = QString::fromUtf8(path);
    r.status = status;
    r.location = QString::fromUtf8(location);
    r.description = QString::fromUtf8(description);
    return r;
}

SandboxRule page(const QByteArray &path, int status, const char *html, const char *description)
{
    SandboxRule r;
    r.path = QString::fromUtf8(path);
    r.status = status;
    r.body = QByteArray(html) + '\n';
    r.contentType = QStringLiteral("text/html; charset=utf-8");
    r.description = QString::fromUtf8(description);
    return r;
}

SandboxRule withHeader(SandboxRule rule, const char *name, const char *value)
{
    rule.headers.append({QString::fromUtf8(name), QString::fromUtf8(value)});
    return rule;
}

SandboxRule withMethod(SandboxRule rule, const char *method)
{
    rule.method = QString::fromLatin1(method);
    return rule;
}

namespace {

// An expectation of `kind` with the number and text it reads (expectations.h says which).
Expectation expectation(ExpectationKind kind, int number = 0, const QString &text = QString())
{
    Expectation e;
    e.kind = kind;
    e.number = number;
    e.text = text;
    return e;
}

}  // namespace

Expectation statuses(std::initializer_list<int> list)
{
    Expectation e = expectation(ExpectationKind::StatusSequence);
    e.statuses = QList<int>(list);
    return e;
}

Expectation finalUrl(const QByteArray &url)
{
    return expectation(ExpectationKind::FinalUrl, 0, QString::fromUtf8(url));
}

Expectation finalMethod(const char *method)
{
    return expectation(ExpectationKind::FinalMethod, 0, QString::fromLatin1(method));
}

Expectation hopCount(int n)
{
    return expectation(ExpectationKind::HopCount, n);
}

Expectation hopLocation(int hop, const char *location)
{
    return expectation(ExpectationKind::HopLocation, hop, QString::fromUtf8(location));
}

Expectation outcome(OutcomeKind kind)
{
    return expectation(ExpectationKind::Outcome, 0, outcomeKindName(kind));
}

Expectation cookieSet(const char *name)
{
    return expectation(ExpectationKind::CookieSet, 0, QString::fromUtf8(name));
}

Expectation simple(ExpectationKind kind)
{
    return expectation(kind);
}

void expectAll(SandboxScenario &s, const QList<Expectation> &list)
{
    for (Profile p : allProfiles())
        s.expectations[p] += list;
}

SandboxScenario scenario(const char *id, const char *title, const char *description)
{
    SandboxScenario s;
    s.id = QString::fromLatin1(id);
    s.title = QString::fromUtf8(title);
    s.description = QString::fromUtf8(description);
    return s;
}

void setFormPost(SandboxScenario &s, const char *body)
{
    s.method = QByteArrayLiteral("POST");
    s.body = QByteArray(body);
    s.formBody = true;
}

}  // namespace Rwb::ScenarioBuilders
