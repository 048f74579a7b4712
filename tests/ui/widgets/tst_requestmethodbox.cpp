// The method field the request editor and the step editor share: the common methods to pick, any other
// typed in without growing the list.
#include "widgets/requestmethodbox.h"

#include <QComboBox>
#include <QLineEdit>
#include <QTest>

#include <iterator>

using namespace Rwb;

class tst_RequestMethodBox : public QObject
{
    Q_OBJECT

private slots:
    void offersTheCommonMethods_data();
    void offersTheCommonMethods();
    void typedMethodIsKeptOutOfTheList_data();
    void typedMethodIsKeptOutOfTheList();
};

void tst_RequestMethodBox::offersTheCommonMethods_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<QString>("method");
    const char *methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};
    for (int row = 0; row < int(std::size(methods)); ++row)
        QTest::newRow(methods[row]) << row << QString::fromLatin1(methods[row]);
}

void tst_RequestMethodBox::offersTheCommonMethods()
{
    QFETCH(int, row);
    QFETCH(QString, method);
    QWidget parent;
    QComboBox *box = newRequestMethodBox(&parent);
    QCOMPARE(box->parent(), &parent);
    QCOMPARE(box->count(), 7);
    QCOMPARE(box->itemText(row), method);
    QVERIFY(box->isEditable());
}

void tst_RequestMethodBox::typedMethodIsKeptOutOfTheList_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("method");
    QTest::newRow("WebDAV") << QStringLiteral("PROPFIND") << QStringLiteral("PROPFIND");
    QTest::newRow("past a completion") << QStringLiteral("PURGE") << QStringLiteral("PURGE");
    // The combo box completes what matches a listed method, whatever the case.
    QTest::newRow("lower case") << QStringLiteral("get") << QStringLiteral("GET");
    QTest::newRow("listed one") << QStringLiteral("POST") << QStringLiteral("POST");
}

void tst_RequestMethodBox::typedMethodIsKeptOutOfTheList()
{
    QFETCH(QString, typed);
    QFETCH(QString, method);
    QWidget parent;
    QComboBox *box = newRequestMethodBox(&parent);
    box->lineEdit()->clear();
    QTest::keyClicks(box->lineEdit(), typed);
    QTest::keyClick(box->lineEdit(), Qt::Key_Return);
    QCOMPARE(box->currentText(), method);
    QCOMPARE(box->count(), 7);
}

QTEST_MAIN(tst_RequestMethodBox)
#include "tst_requestmethodbox.moc"
