// Label fixes (core/analysis/label_fixes.h): the list read and checked, a folder and a CSV
// dataset fixed and put back byte for byte by the journal, refusals that move nothing, and
// label-override files.

#include "analysis/label_fixes.h"
#include "data/dataset.h"
#include "data/image_encode.h"
#include "data/label_overrides.h"
#include "io/files.h"
#include "support/expect_error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <map>

using namespace tl;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kClasses = {"cat", "dog", "Ankle boot"};

std::vector<std::uint8_t> bytes(const std::string &s)
{
    return {s.begin(), s.end()};
}

void put(const fs::path &p, const std::string &text)
{
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

// Every file under `root` (hidden ones too) and its bytes.
std::map<std::string, std::string> tree(const fs::path &root)
{
    std::map<std::string, std::string> t;
    for (const auto &e : fs::recursive_directory_iterator(root)) {
        const std::string rel = fs::relative(e.path(), root).string();
        if (e.is_directory()) {
            t[rel + "/"] = "";
            continue;
        }
        std::ifstream in(e.path(), std::ios::binary);
        t[rel] = std::string(std::istreambuf_iterator<char>(in), {});
    }
    return t;
}

} // namespace

class TestLabelFixes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theListIsReadAndChecked()
    {
        const auto fixes =
            runs::parseLabelFixes(bytes("index,split,path,label,suggested,self_confidence,mark\n"
                                        "4,train,/d/cat/a.png,cat,dog,0.1,wrong label\n"
                                        "9,val,/d/dog/b.png,dog,cat,0.2,ambiguous\n"),
                                  "marked.csv", kClasses);
        QCOMPARE(fixes.size(), std::size_t(2));
        QCOMPARE(fixes[0].newLabel, std::string("dog"));
        QVERIFY(fixes[1].action == runs::FixAction::Ambiguous);
        const auto own = runs::parseLabelFixes(
            bytes("index,label,fix\n1,cat,ankle BOOT\n2,dog,leave out\n3,dog,dog\n"), "f.csv",
            kClasses);
        QCOMPARE(own.size(), std::size_t(2)); // the third changes nothing
        QCOMPARE(own[0].newLabel, std::string("Ankle boot"));
        QVERIFY(own[1].action == runs::FixAction::LeaveOut);
        TL_EXPECT_ERROR(
            runs::parseLabelFixes(bytes("index,label,fix\n1,cat,horse\n"), "f.csv", kClasses),
            (QStringList{"f.csv", "line 2", "horse", "not a class"}));
        TL_EXPECT_ERROR(runs::parseLabelFixes(bytes("index,label,fix\n1,cat,dog\n1,cat,dog\n"),
                                              "f.csv", kClasses),
                        (QStringList{"line 3", "listed twice"}));
        TL_EXPECT_ERROR(runs::parseLabelFixes(bytes("a,b\n"), "f.csv", kClasses),
                        (QStringList{"f.csv", "header"}));
        TL_EXPECT_ERROR(
            runs::parseLabelFixes(bytes("index,label,fix\n-3,cat,dog\n"), "f.csv", kClasses),
            (QStringList{"f.csv", "line 2"}));
        TL_EXPECT_ERROR(runs::parseLabelFixes({}, "f.csv", kClasses), (QStringList{"empty"}));
    }

    void aFolderIsFixedAndPutBackByteForByte()
    {
        QTemporaryDir tmp;
        const fs::path root = fs::path(tmp.path().toStdString()) / "data";
        put(root / "train/cat/a.png", "A");
        put(root / "train/cat/nested/b.png", "B");
        put(root / "train/dog/c.png", "C");
        put(root / "train/Ankle boot/d e.png", "D");
        put(root / "test/cat/t.png", "T");
        const auto before = tree(root);
        const std::string list = "index,path,label,fix\n"
                                 "0," +
                                 (root / "train/cat/a.png").string() +
                                 ",cat,dog\n"
                                 "1," +
                                 (root / "train/cat/nested/b.png").string() +
                                 ",cat,Ankle boot\n"
                                 "2," +
                                 (root / "train/dog/c.png").string() +
                                 ",dog,ambiguous\n"
                                 "3,\"" +
                                 (root / "train/Ankle boot/d e.png").string() +
                                 "\",Ankle boot,leave out\n";
        const auto fixes = runs::parseLabelFixes(bytes(list), "fixes.csv", kClasses);
        const std::string journal = (fs::path(tmp.path().toStdString()) / "j.json").string();
        const runs::AppliedFixes a = runs::applyFixesToFolder(fixes, root.string(), journal);
        QCOMPARE(a.moved, std::size_t(4));
        QCOMPARE(a.relabelled, std::size_t(2));
        QCOMPARE(a.setAside, std::size_t(2));
        QVERIFY(fs::exists(root / "train/dog/a.png"));
        QVERIFY(fs::exists(root / "train/Ankle boot/nested/b.png"));
        QVERIFY(fs::exists(root / ".transferlab-set-aside/ambiguous/train/dog/c.png"));
        QVERIFY(fs::exists(root / ".transferlab-set-aside/left-out/train/Ankle boot/d e.png"));
        QVERIFY(!fs::exists(root / "train/cat/a.png"));
        const std::string said = runs::undoLabelFixes(journal);
        QVERIFY2(said.find("4 file(s) put back") != std::string::npos, said.c_str());
        QCOMPARE(tree(root), before);
        QVERIFY(runs::undoLabelFixes(journal).find("undone already") != std::string::npos);
    }

    void refusalsMoveNothing()
    {
        QTemporaryDir tmp;
        const fs::path root = fs::path(tmp.path().toStdString()) / "data";
        put(root / "cat/a.png", "A");
        put(root / "dog/a.png", "other");
        put(root / "cat/b.png", "B");
        const auto before = tree(root);
        const std::string journal = (fs::path(tmp.path().toStdString()) / "j.json").string();
        auto fix = [&](const std::string &path, const std::string &to) {
            return runs::parseLabelFixes(bytes("index,path,label,fix\n0," + path + ",cat,dog\n1," +
                                               (root / "cat/b.png").string() + ",cat," + to + "\n"),
                                         "f.csv", kClasses);
        };
        // The second file is fine, the first's name is taken in dog/: nothing moves.
        TL_EXPECT_ERROR(runs::applyFixesToFolder(fix((root / "cat/a.png").string(), "dog"),
                                                 root.string(), journal),
                        (QStringList{"a.png", "name is taken"}));
        TL_EXPECT_ERROR(
            runs::applyFixesToFolder(fix("/etc/hostname", "dog"), root.string(), journal),
            (QStringList{"/etc/hostname", "not a file inside the dataset"}));
        TL_EXPECT_ERROR(runs::applyFixesToFolder(fix((root / "gone.png").string(), "dog"),
                                                 root.string(), journal),
                        (QStringList{"gone.png"}));
        QCOMPARE(tree(root), before);
        QVERIFY(!fs::exists(journal));
    }

    void aChangedFileIsLeftAloneByUndo()
    {
        QTemporaryDir tmp;
        const fs::path root = fs::path(tmp.path().toStdString()) / "data";
        put(root / "cat/a.png", "A");
        put(root / "dog/x.png", "X");
        const std::string journal = (fs::path(tmp.path().toStdString()) / "j.json").string();
        runs::applyFixesToFolder(
            runs::parseLabelFixes(
                bytes("index,path,label,fix\n0," + (root / "cat/a.png").string() + ",cat,dog\n"),
                "f.csv", kClasses),
            root.string(), journal);
        put(root / "dog/a.png", "edited since");
        const std::string said = runs::undoLabelFixes(journal);
        QVERIFY2(said.find("left alone") != std::string::npos, said.c_str());
        QVERIFY(!fs::exists(root / "cat/a.png"));
    }

    void aCsvIsRewrittenAndRestored()
    {
        QTemporaryDir tmp;
        const fs::path dir = tmp.path().toStdString();
        const std::string csv = (dir / "data.csv").string();
        const std::string text =
            "path,label,split\nimg/a.png,cat,train\r\n\"img/b,c.png\",dog,train\n"
            "img/c.png,dog,test\n";
        put(csv, text);
        const auto fixes = runs::parseLabelFixes(
            bytes("index,path,label,fix\n0," + (dir / "img/a.png").string() + ",cat,dog\n1,\"" +
                  (dir / "img/b,c.png").string() + "\",dog,leave out\n"),
            "f.csv", kClasses);
        const std::string journal = (dir / "j.json").string();
        const runs::AppliedFixes a = runs::applyFixesToCsv(fixes, csv, journal);
        QCOMPARE(a.relabelled, std::size_t(1));
        QCOMPARE(a.setAside, std::size_t(1));
        const Bytes after = readFile(csv);
        QCOMPARE(std::string(after.begin(), after.end()),
                 std::string("path,label,split\nimg/a.png,dog,train\r\nimg/c.png,dog,test\n"));
        runs::undoLabelFixes(journal);
        const Bytes back = readFile(csv);
        QCOMPARE(std::string(back.begin(), back.end()), text);
        // A fix for a file the CSV does not list: refused, the CSV untouched.
        TL_EXPECT_ERROR(
            runs::applyFixesToCsv(
                runs::parseLabelFixes(bytes("index,path,label,fix\n0,/x/y.png,cat,dog\n"), "f.csv",
                                      kClasses),
                csv, journal),
            (QStringList{"/x/y.png", "not listed"}));
        const Bytes still = readFile(csv);
        QCOMPARE(std::string(still.begin(), still.end()), text);
    }

    // An override file applied when the data loads: relabelled images carry their new class,
    // excluded ones are gone, and a bad line is refused naming the file.
    void overridesReachTheLoadedData()
    {
        QTemporaryDir tmp;
        const fs::path root = fs::path(tmp.path().toStdString()) / "data";
        const std::uint8_t grey[16] = {0,  40, 80, 120, 160, 200, 240, 255,
                                       10, 50, 90, 130, 170, 210, 250, 5};
        const std::vector<unsigned char> png = data::encodePng(grey, 4, 4, 1);
        for (const char *cls : {"cat", "dog"})
            for (int i = 0; i < 6; ++i) {
                fs::create_directories(root / "train" / cls);
                fs::create_directories(root / "test" / cls);
                std::ofstream(root / "train" / cls / ("p" + std::to_string(i) + ".png"),
                              std::ios::binary)
                    .write(reinterpret_cast<const char *>(png.data()), std::streamsize(png.size()));
                std::ofstream(root / "test" / cls / ("t" + std::to_string(i) + ".png"),
                              std::ios::binary)
                    .write(reinterpret_cast<const char *>(png.data()), std::streamsize(png.size()));
            }
        data::DatasetOptions o;
        o.name = "folder";
        o.root = root.string();
        const data::DatasetSplits plain = data::loadDataset(o);
        QCOMPARE(plain.train.size(), std::size_t(12));
        // Image 0 is a cat: relabel it a dog; leave image 1 out.
        QCOMPARE(plain.train.labels[0], std::int64_t(0));
        const std::string file = (fs::path(tmp.path().toStdString()) / "ov.csv").string();
        put(file, "index,label\n0,dog\n1,exclude\n");
        o.labelOverrides = file;
        const data::DatasetSplits fixed = data::loadDataset(o);
        QCOMPARE(fixed.train.size(), std::size_t(11));
        std::int64_t dogs = 0;
        for (std::size_t r = 0; r < fixed.train.size(); ++r) {
            QVERIFY(fixed.train.sourceIndex[r] != 1);
            if (fixed.train.sourceIndex[r] == 0)
                QCOMPARE(fixed.train.labels[r], std::int64_t(1));
            dogs += fixed.train.labels[r];
        }
        QCOMPARE(dogs, std::int64_t(7));
        put(file, "index,label\n0,horse\n");
        TL_EXPECT_ERROR(data::loadDataset(o), (QStringList{"ov.csv", "horse", "not a class"}));
        put(file, "index,label\n99,dog\n");
        TL_EXPECT_ERROR(data::loadDataset(o), (QStringList{"ov.csv", "99", "not in the training"}));
    }

    void overrides()
    {
        const auto fixes = runs::parseLabelFixes(
            bytes("index,label,fix\n7,cat,dog\n8,dog,ambiguous\n"), "f.csv", kClasses);
        const std::string csv = runs::labelOverridesCsv(fixes);
        QCOMPARE(csv, std::string("index,label\n7,dog\n8,exclude\n"));
        const auto o = data::parseLabelOverrides(bytes(csv), "o.csv");
        QCOMPARE(o.size(), std::size_t(2));
        QCOMPARE(o[0].label, std::string("dog"));
        QVERIFY(o[1].exclude);
        TL_EXPECT_ERROR(data::parseLabelOverrides(bytes("index,label\n7,dog\n7,cat\n"), "o.csv"),
                        (QStringList{"o.csv", "line 3", "twice"}));
        TL_EXPECT_ERROR(data::parseLabelOverrides(bytes("index,label\nx,dog\n"), "o.csv"),
                        (QStringList{"o.csv", "line 2"}));
        TL_EXPECT_ERROR(data::parseLabelOverrides(bytes("index,label\n3,\n"), "o.csv"),
                        (QStringList{"o.csv", "line 2", "index,label"}));
    }
};

QTEST_GUILESS_MAIN(TestLabelFixes)
#include "tst_label_fixes.moc"
