#include "rundir/tensorboard.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>

using namespace tl::runs;

namespace {

std::uint32_t unmask(std::uint32_t m)
{
    const std::uint32_t r = m - 0xa282ead8u;
    return (r >> 17) | (r << 15);
}

std::uint64_t varint(const QByteArray &b, int &pos)
{
    std::uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
        const auto c = std::uint8_t(b[pos++]);
        v |= std::uint64_t(c & 0x7F) << shift;
        if (!(c & 0x80))
            return v;
    }
}

struct Scalar
{
    std::int64_t step = -1;
    QString tag;
    float value = 0;
    QString version;
};

// A minimal protobuf reader for Event { wall_time=1, step=2, file_version=3, summary=5 }.
Scalar decode(const QByteArray &e)
{
    Scalar s;
    int pos = 0;
    while (pos < e.size()) {
        const auto key = varint(e, pos);
        const int field = int(key >> 3), wire = int(key & 7);
        if (wire == 1) {
            pos += 8;
        } else if (wire == 0) {
            const auto v = varint(e, pos);
            if (field == 2)
                s.step = std::int64_t(v);
        } else if (wire == 2) {
            const int len = int(varint(e, pos));
            const QByteArray inner = e.mid(pos, len);
            pos += len;
            if (field == 3)
                s.version = QString::fromUtf8(inner);
            if (field == 5) { // Summary { value=1: Value { tag=1, simple_value=2 } }
                int p = 0;
                varint(inner, p);
                const int vlen = int(varint(inner, p));
                const QByteArray value = inner.mid(p, vlen);
                int q = 0;
                while (q < value.size()) {
                    const auto k = varint(value, q);
                    if ((k >> 3) == 1) {
                        const int tl = int(varint(value, q));
                        s.tag = QString::fromUtf8(value.mid(q, tl));
                        q += tl;
                    } else {
                        std::memcpy(&s.value, value.constData() + q, 4);
                        q += 4;
                    }
                }
            }
        }
    }
    return s;
}

} // namespace

class TestTensorBoard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void crc32cKnownVector() { QCOMPARE(crc32c("123456789", 9), 0xE3069283u); }

    void writesReadableScalars()
    {
        QTemporaryDir dir;
        std::string path;
        {
            TensorBoardWriter w(dir.path().toStdString());
            path = w.path();
            w.scalar("train/loss", 0.75, 1);
            w.scalar("val/accuracy", 0.5, 2);
        }
        QVERIFY(
            QFileInfo(QString::fromStdString(path)).fileName().startsWith("events.out.tfevents."));
        QFile f(QString::fromStdString(path));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray all = f.readAll();
        std::vector<Scalar> events;
        int pos = 0;
        while (pos < all.size()) {
            std::uint64_t len;
            std::uint32_t lenCrc, dataCrc;
            std::memcpy(&len, all.constData() + pos, 8);
            std::memcpy(&lenCrc, all.constData() + pos + 8, 4);
            QCOMPARE(unmask(lenCrc), crc32c(all.constData() + pos, 8));
            const QByteArray data = all.mid(pos + 12, int(len));
            std::memcpy(&dataCrc, all.constData() + pos + 12 + len, 4);
            QCOMPARE(unmask(dataCrc), crc32c(data.constData(), std::size_t(data.size())));
            events.push_back(decode(data));
            pos += 12 + int(len) + 4;
        }
        QCOMPARE(int(events.size()), 3);
        QCOMPARE(events[0].version, QString("brain.Event:2"));
        QCOMPARE(events[1].tag, QString("train/loss"));
        QCOMPARE(events[1].value, 0.75f);
        QCOMPARE(events[1].step, std::int64_t(1));
        QCOMPARE(events[2].tag, QString("val/accuracy"));
        QCOMPARE(events[2].step, std::int64_t(2));
    }

    // A writer that wrote no scalar (a refused resume, a run that failed before its first
    // batch) leaves no file of a header alone (42 bytes that TensorBoard lists as a run).
    void leavesNoEmptyFile()
    {
        QTemporaryDir dir;
        std::string path;
        {
            TensorBoardWriter w(dir.path().toStdString());
            path = w.path();
            QVERIFY(
                QFile::exists(QString::fromStdString(path))); // a folder it cannot use fails now
        }
        QVERIFY(!QFile::exists(QString::fromStdString(path)));
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTensorBoard)
#include "tst_tensorboard.moc"
