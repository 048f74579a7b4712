#include "sandbox/scenarios.h"

#include "private/scenariobuilders_p.h"
#include "sandbox/migration.h"

namespace Rwb {

// ---- built-in scenarios ----
// One function a scenario, alike on purpose: each reads as data (rules, start, what each profile sees).

namespace {

using namespace ScenarioBuilders;

SandboxScenario maintenance()
{
    SandboxScenario s = scenario(
        "maintenance", "Site maintenance",
        "Every page answers 302 to one maintenance page, which answers 503 with Retry-After. The 302 is "
        "temporary: browsers and caches do not keep it, and search engines keep every original URL in "
        "their index and come back after Retry-After. A 301 here would be cached by browsers long after "
        "the maintenance, and would tell search engines to replace every page by the notice.");
    s.rules = {
        withHeader(withHeader(page("/maintenance/notice", 503,
                                   "<h1>Down for maintenance</h1><p>Back in an hour.</p>",
                                   "The maintenance page: 503 Service Unavailable, come back later"),
                              "Retry-After", "3600"),
                   "Cache-Control", "no-store"),
        withHeader(redirect("/maintenance/*", 302, "/maintenance/notice",
                            "Every other page goes to the notice, temporarily"),
                   "Cache-Control", "no-store"),
    };
    s.startPath = QStringLiteral("/maintenance/products/42");
    expectAll(s, {statuses({302, 503}), hopLocation(0, "/maintenance/notice"),
                  finalUrl("{{origin}}/maintenance/notice"), outcome(OutcomeKind::Final)});
    return s;
}

SandboxScenario newVersion()
{
    SandboxScenario s =
        scenario("new-version", "New page version, shown temporarily",
                 "The old URL answers 302 to the new version of the page while it is tried out. The old URL "
                 "stays the one people link to and search engines index: a 302 is not cached unless "
                 "Cache-Control says so, and search engines keep the old URL (a long-lived 302 is eventually "
                 "treated like a 301). Removing the rule brings the old page back at once.");
    s.rules = {
        redirect("/new-version/pricing", 302, "/new-version/pricing-beta",
                 "The page people know, sent to the beta for now"),
        page("/new-version/pricing-beta", 200, "<h1>Pricing (new design)</h1>", "The new version"),
    };
    s.startPath = QStringLiteral("/new-version/pricing");
    expectAll(s, {statuses({302, 200}), finalUrl("{{origin}}/new-version/pricing-beta"), finalMethod("GET")});
    return s;
}

SandboxScenario moved(int status)
{
    const QByteArray id = "moved-" + QByteArray::number(status);
    const char *title = status == 301   ? "Resource moved: 301 Moved Permanently"
                        : status == 302 ? "Resource moved: 302 Found"
                                        : "Resource moved: 308 Permanent Redirect";
    const char *description =
        status == 301
            ? "An API resource moved for good, answered with 301, and POSTed to. Browsers cache a 301 "
              "(it is cacheable by default) and go straight to the new URL next time; search engines "
              "replace the old URL by the new one and move its ranking over. But browsers and curl "
              "turn the POST into a GET and drop the body (RFC 9110 allows it for historical "
              "reasons); a strict client keeps the POST. Use 308 when the method matters."
        : status == 302
            ? "The same move answered with 302: a temporary redirect. Nothing is cached unless "
              "Cache-Control says so and search engines keep indexing the old URL. The method "
              "rewrite is the same as with 301: browsers and curl follow the POST with a GET without "
              "its body; a strict client keeps the POST. Use 307 for a temporary move that keeps it."
            : "The same move answered with 308: permanent like 301 (cached by browsers, the new URL "
              "replaces the old one in search engines), but the method and body must be kept: every "
              "client sends the POST with its body again to the new URL.";
    SandboxScenario s = scenario(id.constData(), title, description);
    const QByteArray prefix = "/" + id;
    s.rules = {
        redirect((prefix + "/api/report"), status, (prefix + "/api/v2/report"),
                 "The old address of the resource"),
        page((prefix + "/api/v2/report"), 200, "<h1>Quarterly report</h1>", "Its new address (any method)"),
    };
    s.startPath = QString::fromLatin1(prefix + "/api/report");
    setFormPost(s, "quarter=3&format=pdf");
    const QByteArray final = "{{origin}}" + prefix + "/api/v2/report";
    expectAll(s, {statuses({status, 200}), finalUrl(final)});
    const bool keptByAll = status == 308;
    s.expectations[Profile::Browser].append(finalMethod(keptByAll ? "POST" : "GET"));
    s.expectations[Profile::Curl].append(finalMethod(keptByAll ? "POST" : "GET"));
    s.expectations[Profile::Strict].append(finalMethod("POST"));
    return s;
}

SandboxScenario migration()
{
    SandboxScenario s = scenario(
        "migration", "Site migration: 2,000 old URLs and their redirect map",
        "An old shop's 2,000 product pages moved: each old URL answers 301 to its new URL, which "
        "answers 200. The sandbox also serves the redirect map (/migration/map.csv: from,to,status,hops), "
        "the old URLs as a list (/migration/urls.txt) and as a sitemap (/migration/sitemap.xml), to check "
        "in bulk: rwb check --no-downgrade --insecure MAP_URL. Eight are wrong on purpose: product 42 "
        "answers 302 (wrong-status), 404 and 410 end on a 404 and a 410 (final-status), 512 and 768 take "
        "2 and 3 redirects (too-many-hops), 1001 loops (loop), 1234 goes to the wrong new page "
        "(wrong-target) and 2000, on https, is sent to the http site (downgrade). Search engines move an "
        "old page's ranking to its new URL through a 301 or 308; long chains cost crawls, loops the page.");
    s.startPath = migrationOldPath(1);
    s.generate = &migrationRule;
    s.links = {{QStringLiteral("redirect map (CSV)"), QStringLiteral("/migration/map.csv")},
               {QStringLiteral("URL list"), QStringLiteral("/migration/urls.txt")},
               {QStringLiteral("sitemap"), QStringLiteral("/migration/sitemap.xml")}};
    const QByteArray final = "{{origin}}" + migrationNewPath(1).toUtf8();
    expectAll(s, {statuses({301, 200}), hopCount(2), finalUrl(final), outcome(OutcomeKind::Final)});
    return s;
}

SandboxScenario shortener()
{
    SandboxScenario s =
        scenario("shortener", "URL shortener",
                 "A short code answers 301 to the long URL on another host, keeping the query string (the "
                 "campaign parameters). Shorteners use 301 so that search engines credit the destination; "
                 "browsers cache the hop, so the service sees later clicks only if it adds Cache-Control "
                 "(many answer 301 with a short max-age or use 302 to count every click).");
    s.rules = {
        withHeader(redirect("/shortener/x7Kp", 301,
                            "{{other}}/shortener/articles/how-redirects-work{{query}}",
                            "The short code, to the long URL with the query kept"),
                   "Cache-Control", "private, max-age=90"),
        page("/shortener/articles/*", 200, "<h1>How redirects work</h1>", "The long URL"),
        page("/shortener/*", 404, "<h1>No such short link</h1>", "Unknown codes"),
    };
    s.startPath = QStringLiteral("/shortener/x7Kp?utm_source=newsletter&utm_medium=email");
    expectAll(s, {statuses({301, 200}),
                  hopLocation(0, "{{other}}/shortener/articles/how-redirects-work"
                                 "?utm_source=newsletter&utm_medium=email"),
                  finalUrl("{{other}}/shortener/articles/how-redirects-work"
                           "?utm_source=newsletter&utm_medium=email")});
    return s;
}

SandboxScenario affiliate()
{
    SandboxScenario s =
        scenario("affiliate", "Affiliate tracking",
                 "A tracking hop records the partner's referral id in a cookie (Set-Cookie on the 302) and "
                 "forwards to the product with the id in the query. Clients without a cookie jar (curl by "
                 "default, a strict client) still reach the product but the shop cannot credit the partner "
                 "from the cookie. The hop says Cache-Control: no-store so that every click is counted.");
    s.rules = {
        withHeader(withHeader(redirect("/affiliate/go", 302, "/affiliate/shop/headphones?ref={{query:ref}}",
                                       "The tracking hop: sets the cookie, forwards with the referral id"),
                              "Set-Cookie", "affiliate_ref={{query:ref}}; Path=/affiliate; Max-Age=2592000"),
                   "Cache-Control", "no-store"),
        [] {
            SandboxRule r = page("/affiliate/shop/*", 200, "<h1>Headphones</h1><p>Partner credited.</p>",
                                 "The product page, when the referral cookie came along");
            r.requireCookie = QStringLiteral("affiliate_ref");
            return r;
        }(),
        page("/affiliate/shop/*", 200, "<h1>Headphones</h1>", "The product page, without the cookie"),
    };
    s.startPath = QStringLiteral("/affiliate/go?ref=partner42");
    expectAll(s, {statuses({302, 200}), cookieSet("affiliate_ref"),
                  finalUrl("{{origin}}/affiliate/shop/headphones?ref=partner42")});
    return s;
}

SandboxScenario postRedirectGet(int status)
{
    const QByteArray id = "prg-" + QByteArray::number(status);
    const char *title = status == 303   ? "Form POST, then 303 See Other (Post/Redirect/Get)"
                        : status == 302 ? "Form POST, then 302 Found"
                                        : "Form POST, then 307 Temporary Redirect";
    const char *description =
        status == 303
            ? "The form is POSTed and answered with 303 to a thank-you page: every client fetches it "
              "with GET, so reloading the page does not send the form again. This is what 303 is for."
        : status == 302
            ? "The same form answered with 302. Browsers and curl follow with GET (the historical "
              "behaviour RFC 9110 allows), but a strict client sends the POST and its body to the "
              "thank-you page again: use 303 when a GET is meant."
            : "The same form answered with 307: the method and body must be kept, so every client "
              "POSTs the form to the thank-you page again. 307 is for moving a request, not for "
              "showing a result.";
    SandboxScenario s = scenario(id.constData(), title, description);
    const QByteArray prefix = "/" + id;
    s.rules = {
        withMethod(redirect((prefix + "/contact"), status, (prefix + "/thanks"),
                            "The form handler answers the POST with a redirect"),
                   "POST"),
        page((prefix + "/contact"), 200, "<form method=post><input name=name></form>", "The form itself"),
        withMethod(page((prefix + "/thanks"), 200, "<h1>Thank you</h1><p>The form was POSTed here again.</p>",
                        "The thank-you page, POSTed to again"),
                   "POST"),
        page((prefix + "/thanks"), 200, "<h1>Thank you</h1>", "The thank-you page"),
    };
    s.startPath = QString::fromLatin1(prefix + "/contact");
    setFormPost(s, "name=Ada&message=Hello");
    const QByteArray final = "{{origin}}" + prefix + "/thanks";
    expectAll(s, {statuses({status, 200}), finalUrl(final)});
    const char *browserAndCurl = status == 307 ? "POST" : "GET";
    s.expectations[Profile::Browser].append(finalMethod(browserAndCurl));
    s.expectations[Profile::Curl].append(finalMethod(browserAndCurl));
    s.expectations[Profile::Strict].append(finalMethod(status == 303 ? "GET" : "POST"));
    return s;
}

SandboxScenario canonical()
{
    SandboxScenario s =
        scenario("canonical", "Duplicate content consolidated (301 to the canonical URL)",
                 "The same page is reachable under another host name, an index.html and a session parameter. "
                 "Each duplicate answers 301 to the one canonical URL, which also names itself in a Link "
                 "rel=canonical header. Search engines fold the duplicates into the canonical URL and its "
                 "ranking; browsers cache the 301s.");
    s.rules = {
        redirect("/canonical/shoes/index.html", 301, "{{origin}}/canonical/shoes/",
                 "A duplicate: index.html, any host, any query"),
        redirect("/canonical/Shoes/*", 301, "{{origin}}/canonical/shoes/", "A duplicate: other case"),
        withHeader(page("/canonical/shoes/", 200, "<h1>Shoes</h1>", "The canonical URL"), "Link",
                   "<{{origin}}/canonical/shoes/>; rel=\"canonical\""),
    };
    s.startOrigin = SandboxOrigin::Other;
    s.startPath = QStringLiteral("/canonical/shoes/index.html?sessionid=8f3a");
    expectAll(s, {statuses({301, 200}), finalUrl("{{origin}}/canonical/shoes/")});
    return s;
}

SandboxScenario socialWrapper()
{
    SandboxScenario s = scenario(
        "social", "Social network link wrapper",
        "A link shared on a social network points to the network's wrapper domain, which answers 301 "
        "to its own click-tracking URL, which answers 302 to the real article: two hops on the wrapper "
        "host before the destination. The destination sees the wrapper's origin, not the post.");
    s.rules = {
        redirect("/social/w/*", 301, "/social/l/Xy12?src=share", "The wrapped link"),
        withHeader(redirect("/social/l/*", 302, "{{origin}}/social/article?utm_source=social",
                            "The wrapper's click tracking"),
                   "Referrer-Policy", "origin"),
        page("/social/article", 200, "<h1>The article</h1>", "The destination"),
    };
    s.startOrigin = SandboxOrigin::Other;
    s.startPath = QStringLiteral("/social/w/Xy12");
    expectAll(
        s, {statuses({301, 302, 200}), hopCount(3), finalUrl("{{origin}}/social/article?utm_source=social")});
    return s;
}

SandboxScenario analytics()
{
    SandboxScenario s =
        scenario("analytics", "Analytics hop",
                 "A link goes through an analytics service on another origin, which records the visit (it "
                 "takes 100 ms) and answers 302 to the destination with the campaign kept. Cache-Control: "
                 "no-store makes every visit go through the hop.");
    s.rules = {
        [] {
            SandboxRule r =
                withHeader(redirect("/analytics/collect", 302, "{{origin}}/analytics/offers{{query}}",
                                    "Records the visit, then forwards"),
                           "Cache-Control", "no-store");
            r.delayMs = 100;
            return r;
        }(),
        page("/analytics/offers", 200, "<h1>Spring offers</h1>", "The destination"),
    };
    s.startOrigin = SandboxOrigin::Other;
    s.startPath = QStringLiteral("/analytics/collect?campaign=spring");
    expectAll(s, {statuses({302, 200}), finalUrl("{{origin}}/analytics/offers?campaign=spring")});
    return s;
}

SandboxScenario errorPage()
{
    SandboxScenario s =
        scenario("error-page", "Errors redirected to an error page",
                 "A missing order answers 302 to a shared error page. The error page answers 404, so search "
                 "engines still see an error; had it answered 200, they would report a \"soft 404\". Either "
                 "way the user loses the URL that failed: answering 404 in place is better.");
    s.rules = {
        redirect("/error-page/orders/*", 302, "/error-page/error?code=404&from={{path}}",
                 "Every unknown order goes to the error page"),
        page("/error-page/error", 404, "<h1>Not found</h1>", "The error page, with a real 404"),
    };
    s.startPath = QStringLiteral("/error-page/orders/999");
    expectAll(s, {statuses({302, 404}),
                  finalUrl("{{origin}}/error-page/error?code=404&from=/error-page/orders/999")});
    return s;
}

SandboxScenario hsts()
{
    SandboxScenario s = scenario(
        "hsts", "HSTS: Strict-Transport-Security, then an http link",
        "An https response sets Strict-Transport-Security and redirects to an http URL of the same "
        "host. A browser now knows the host as HSTS and rewrites the http URL to https itself (a "
        "synthetic 307 Internal Redirect, no request). curl and a strict client know no HSTS: they send "
        "plain http to the https port, which fails.");
    s.rules = {
        withHeader(redirect("/hsts/start", 302, "http://localhost:{{tlsPort}}/hsts/account",
                            "https, with Strict-Transport-Security, to an http link"),
                   "Strict-Transport-Security", "max-age=300"),
        page("/hsts/account", 200, "<h1>Account</h1>", "The page the link points to"),
    };
    s.startOrigin = SandboxOrigin::Https;
    s.startPath = QStringLiteral("/hsts/start");
    s.expectations[Profile::Browser] = {statuses({302, 307, 200}), hopCount(3),
                                        finalUrl("{{https}}/hsts/account"), outcome(OutcomeKind::Final)};
    for (Profile p : {Profile::Curl, Profile::Strict})
        s.expectations[p] = {statuses({302, 0}), hopCount(2), outcome(OutcomeKind::NetworkError)};
    return s;
}

SandboxScenario refresh()
{
    SandboxScenario s = scenario(
        "refresh", "Refresh header and meta refresh",
        "A 200 page with a Refresh header (\"0; url=...\"), then an HTML page whose <meta "
        "http-equiv=\"refresh\"> sends it on after 1 second. Neither is an HTTP redirect: a browser follows "
        "each as a new navigation from the page (Referer the page, no user activation), after the delay; "
        "curl and a strict client stop at the first page. Search engines treat an immediate refresh like a "
        "redirect, a delayed one rather not; caches keep none of it.");
    s.rules = {
        withHeader(page("/refresh/start", 200, "<p>Redirecting…</p>",
                        "A page with Refresh: 0; url=/refresh/interstitial"),
                   "Refresh", "0; url=/refresh/interstitial"),
        page("/refresh/interstitial", 200,
             "<!doctype html><html><head><meta http-equiv=\"refresh\" content=\"1; url=/refresh/done\">"
             "</head><body><p>You will be sent on in a second.</p></body></html>",
             "An interstitial page with a meta refresh after 1 second"),
        page("/refresh/done", 200, "<h1>Arrived</h1>", "Where the refreshes lead"),
    };
    s.startPath = QStringLiteral("/refresh/start");
    s.expectations[Profile::Browser] = {statuses({200, 200, 200}), hopCount(3),
                                        finalUrl("{{origin}}/refresh/done"), outcome(OutcomeKind::Final)};
    for (Profile p : {Profile::Curl, Profile::Strict})
        s.expectations[p] = {statuses({200}), hopCount(1), finalUrl("{{origin}}/refresh/start"),
                             outcome(OutcomeKind::Final)};
    return s;
}

SandboxScenario login()
{
    SandboxScenario s = scenario(
        "login", "Login flow: a session cookie set on a 302",
        "The login form is POSTed and answered with 302 and Set-Cookie (two of them). A browser keeps "
        "the cookie and reaches the account page with it. curl without a cookie jar (-b/-c) arrives "
        "without it and is sent to the login form; a strict client keeps the POST on the 302 and "
        "knows no cookies either.");
    s.rules = {
        withHeader(withHeader(withMethod(redirect("/login/submit", 302, "/login/account",
                                                  "Checks the password, sets the session cookie"),
                                         "POST"),
                              "Set-Cookie", "session=s3cr3t-sandbox; Path=/login; HttpOnly"),
                   "Set-Cookie", "login_hint=alice; Path=/; Max-Age=600"),
        [] {
            SandboxRule r =
                page("/login/account", 200, "<h1>Welcome back, alice</h1>", "The account, with a session");
            r.requireCookie = QStringLiteral("session");
            return r;
        }(),
        redirect("/login/account", 302, "/login/form?next=/login/account", "No session: to the login form"),
        page("/login/form", 200, "<form method=post action=/login/submit></form>", "The login form"),
    };
    s.startPath = QStringLiteral("/login/submit");
    setFormPost(s, "user=alice&password=secret");
    expectAll(s, {cookieSet("session"), cookieSet("login_hint")});
    s.expectations[Profile::Browser] +=
        {statuses({302, 200}), finalUrl("{{origin}}/login/account"), finalMethod("GET")};
    s.expectations[Profile::Curl] += {
        statuses({302, 302, 200}), finalUrl("{{origin}}/login/form?next=/login/account"), finalMethod("GET")};
    s.expectations[Profile::Strict] +=
        {statuses({302, 302, 200}), finalUrl("{{origin}}/login/form?next=/login/account"),
         finalMethod("POST")};
    return s;
}

SandboxScenario crossOriginAuth()
{
    SandboxScenario s = scenario(
        "cross-origin", "Cross-origin hop: Authorization dropped",
        "A request with Authorization is redirected to another origin (another port) and back. A "
        "browser and a strict client drop the header on the cross-origin hop and never send it again; "
        "curl sends it only to the first origin, so it comes back on the last hop. None of them sends "
        "it to the other origin.");
    s.rules = {
        redirect("/cross-origin/api/me", 302, "{{other}}/cross-origin/cdn/me", "The API, to another origin"),
        redirect("/cross-origin/cdn/me", 302, "{{origin}}/cross-origin/api/me/done",
                 "The other origin, back to the first"),
        page("/cross-origin/api/me/done", 200, "<h1>Profile</h1>", "Back on the first origin"),
    };
    s.startPath = QStringLiteral("/cross-origin/api/me");
    s.headers = {{QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer sandbox-token")}};
    expectAll(s, {statuses({302, 302, 200}), simple(ExpectationKind::NoCrossOriginAuthorization),
                  finalUrl("{{origin}}/cross-origin/api/me/done")});
    return s;
}

SandboxScenario loop()
{
    SandboxScenario s = scenario("loop", "Redirect loop",
                                 "Two pages redirect to each other. Clients do not detect loops, they follow "
                                 "until their limit; the workbench stops at the first repeated request.");
    s.rules = {
        redirect("/loop/a", 302, "/loop/b", "To b"),
        redirect("/loop/b", 302, "/loop/a", "Back to a"),
    };
    s.startPath = QStringLiteral("/loop/a");
    expectAll(s, {statuses({302, 302}), outcome(OutcomeKind::Loop)});
    return s;
}

constexpr int kTooLongRedirects = 21;

SandboxScenario tooLong()
{
    SandboxScenario s = scenario(
        "too-long", "Chain longer than the browser's limit",
        "21 redirects in a row. Browsers follow 20 and fail on the 21st (ERR_TOO_MANY_REDIRECTS); the "
        "strict profile has the same limit. curl follows up to 50 and reaches the end.");
    for (int i = 1; i <= kTooLongRedirects; ++i) {
        const QByteArray from = "/too-long/" + QByteArray::number(i);
        const QByteArray to = "/too-long/" + QByteArray::number(i + 1);
        s.rules.append(redirect(from.constData(), 302, to.constData(), "One more hop"));
    }
    const QByteArray last = "/too-long/" + QByteArray::number(kTooLongRedirects + 1);
    s.rules.append(page(last.constData(), 200, "<h1>The end</h1>", "The end of the chain"));
    s.startPath = QStringLiteral("/too-long/1");
    QList<int> limited(21, 302);
    for (Profile p : {Profile::Browser, Profile::Strict}) {
        Expectation st;
        st.kind = ExpectationKind::StatusSequence;
        st.statuses = limited;
        s.expectations[p] = {hopCount(21), st, outcome(OutcomeKind::TooManyRedirects)};
    }
    QList<int> full(kTooLongRedirects, 302);
    full.append(200);
    Expectation st;
    st.kind = ExpectationKind::StatusSequence;
    st.statuses = full;
    const QByteArray final = "{{origin}}" + last;
    s.expectations[Profile::Curl] = {hopCount(kTooLongRedirects + 1), st, finalUrl(final),
                                     outcome(OutcomeKind::Final)};
    return s;
}

SandboxScenario inGroup(const char *group, SandboxScenario s)
{
    s.group = QString::fromUtf8(group);
    return s;
}

}  // namespace

const QList<SandboxScenario> &builtinScenarios()
{
    // Grouped as the demo session's folders, in this order.
    static const char *const temporaryPermanent = "Temporary and permanent";
    static const char *const links = "Links and tracking";
    static const char *const forms = "Forms";
    static const char *const security = "Security and cookies";
    static const char *const failures = "Failures";
    static const QList<SandboxScenario> scenarios{
        inGroup(temporaryPermanent, maintenance()),
        inGroup(temporaryPermanent, newVersion()),
        inGroup(temporaryPermanent, moved(301)),
        inGroup(temporaryPermanent, moved(302)),
        inGroup(temporaryPermanent, moved(308)),
        inGroup(temporaryPermanent, canonical()),
        inGroup(temporaryPermanent, migration()),
        inGroup(links, shortener()),
        inGroup(links, affiliate()),
        inGroup(links, socialWrapper()),
        inGroup(links, analytics()),
        inGroup(links, refresh()),
        inGroup(forms, postRedirectGet(303)),
        inGroup(forms, postRedirectGet(302)),
        inGroup(forms, postRedirectGet(307)),
        inGroup(security, login()),
        inGroup(security, crossOriginAuth()),
        inGroup(security, hsts()),
        inGroup(failures, errorPage()),
        inGroup(failures, loop()),
        inGroup(failures, tooLong()),
    };
    return scenarios;
}

QList<SandboxRule> builtinScenarioRules()
{
    QList<SandboxRule> rules;
    for (const SandboxScenario &s : builtinScenarios())
        rules += s.rules;
    return rules;
}

std::optional<SandboxRule> builtinGeneratedRule(const QString &path, const SandboxUrls &urls)
{
    for (const SandboxScenario &s : builtinScenarios()) {
        if (s.generate && path.startsWith(QLatin1Char('/') + s.id + QLatin1Char('/')))
            return s.generate(path, urls);
    }
    return std::nullopt;
}

QUrl sandboxStartUrl(const SandboxScenario &scenario, const SandboxUrls &urls)
{
    const QUrl base = scenario.startOrigin == SandboxOrigin::Origin  ? urls.origin
                      : scenario.startOrigin == SandboxOrigin::Other ? urls.other
                                                                     : urls.https;
    if (base.isEmpty())
        return QUrl();
    return QUrl(base.toString(QUrl::FullyEncoded) + scenario.startPath, QUrl::StrictMode);
}

QString sandboxStartUrlTemplate(const SandboxScenario &scenario)
{
    const char *variable = scenario.startOrigin == SandboxOrigin::Origin  ? kSandboxVariable
                           : scenario.startOrigin == SandboxOrigin::Other ? kSandboxOtherVariable
                                                                          : kSandboxHttpsVariable;
    return QLatin1String("{{") + QLatin1String(variable) + QLatin1String("}}") + scenario.startPath;
}

RequestSpec sandboxScenarioRequest(const SandboxScenario &scenario, const SandboxUrls &urls)
{
    RequestSpec r;
    r.method = scenario.method;
    r.url = sandboxStartUrl(scenario, urls);
    r.headers = scenario.headers;
    r.body = scenario.body;
    r.formBody = scenario.formBody;
    return r;
}

Options sandboxScenarioOptions(const SandboxScenario &scenario, Profile profile)
{
    Options o;
    o.profile = profile;
    o.acceptTlsErrors = scenario.needsTls();
    return o;
}

QList<Expectation> sandboxScenarioExpectations(const SandboxScenario &scenario, Profile profile,
                                               const SandboxUrls &urls)
{
    QList<Expectation> list = scenario.expectations.value(profile);
    for (Expectation &e : list)
        e.text = expandSandboxText(e.text, urls);
    return list;
}
}  // namespace Rwb
