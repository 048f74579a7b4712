// Where a connection for host:port really goes: curl's --connect-to and --resolve, as curl 7.88 reads
// them (https://curl.se/docs/manpage.html). Pure: the relay applies the result when it connects, so TLS
// still verifies (and sends SNI for) the URL's host, and the Host header is the URL's.
//
//   --connect-to HOST1:PORT1:HOST2:PORT2  a request to HOST1:PORT1 connects to HOST2:PORT2 instead; HOST1 or
//                                         PORT1 empty: any; HOST2 or PORT2 empty: the request's own. The
//                                         first rule that matches is used.
//   --resolve [+]HOST:PORT:ADDR[,ADDR...]  the name HOST, connected to on PORT, has these addresses (tried
//                                         in order); HOST "*" is any name. It applies to the host and port
//                                         connected to, so after --connect-to. The first rule that matches.
//
// Written by hand: Qt has no such option (QNetworkAccessManager resolves names itself).
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Rwb {

struct ConnectToRule {
    QString host;     // empty: any host (an IPv6 address without brackets)
    int port = -1;    // -1: any port
    QString toHost;   // empty: the request's host
    int toPort = -1;  // -1: the request's port
};

struct ResolveRule {
    QString host;  // "*": any name
    int port = 0;
    QStringList addresses;  // IP addresses (IPv6 without brackets), in the order to try them
};

// The rule in `text`, or nothing with a message in `error` ("HOST:PORT:ADDR ...").
std::optional<ConnectToRule> parseConnectTo(const QString &text, QString *error);
std::optional<ResolveRule> parseResolve(const QString &text, QString *error);

struct AddressMap {
    QList<ConnectToRule> connectTo;
    QList<ResolveRule> resolve;
    bool isEmpty() const { return connectTo.isEmpty() && resolve.isEmpty(); }
};

// Reads every rule of both lists; the first bad one gives its error ("--resolve 'x': ...").
std::optional<AddressMap> parseAddressMap(const QStringList &connectTo, const QStringList &resolve,
                                          QString *error);

struct ConnectTarget {
    QString host;  // to connect to (a name to look up when `addresses` is empty)
    quint16 port = 0;
    QStringList addresses;  // from --resolve: used instead of a lookup, in order
    QStringList rules;      // the rules that applied, as the user wrote them (for the trace's note)
};

// A host as it is written before ":port": an IPv6 address in brackets, anything else as it is.
QString bracketedHost(const QString &host);
// "host:port", "[::1]:8443".
QString hostPortText(const QString &host, int port);

// Where a request to host:port (the URL's host: a name in lower case, an IPv6 address without brackets)
// connects.
ConnectTarget connectTarget(const AddressMap &map, const QString &host, quint16 port);

}  // namespace Rwb
