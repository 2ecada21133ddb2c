#include "base/error.h"
#include "models/layer_tree.h"
#include "models/model_factory.h"
#include "models/model_spec.h"
#include "models/penultimate.h"
#include "models/random.h"

#include <torch/torch.h>

#include <QtTest>

using namespace tl;
using namespace tl::models;

class TestModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parameterCounts_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("size");
        QTest::addColumn<bool>("bn");
        QTest::addColumn<qlonglong>("params");
        // Keras' model.summary() of seed 000's custom CNN on CIFAR-10: 896 + 18,496 + 8,320 +
        // 81,930.
        QTest::newRow("simple-cnn cifar") << "simple-cnn" << 3 << 32 << false << 109642LL;
        // Fashion-MNIST: 320 + 18,496 + 8,320 + (7*7*128*10 + 10).
        QTest::newRow("simple-cnn fashion") << "simple-cnn" << 1 << 28 << false << 89866LL;
        // Seed 002 with MaxPooling2D((3, 3)): 32 -> 10 -> 3 -> 1, so Dense(128) sees 128 values.
        // convs 896 + 9,248 + 18,496 + 36,928 + 73,856 + 147,584; dense 16,512 + 1,290.
        QTest::newRow("vgg-style") << "vgg-style-cnn" << 3 << 32 << false << 304810LL;
        // + BatchNorm gamma/beta: 2*(32+32+64+64+128+128) + 2*128 (running stats are buffers).
        QTest::newRow("vgg-style bn") << "vgg-style-cnn" << 3 << 32 << true << 304810LL + 896 + 256;
    }
    void parameterCounts()
    {
        QFETCH(QString, name);
        QFETCH(int, channels);
        QFETCH(int, size);
        QFETCH(bool, bn);
        QFETCH(qlonglong, params);
        ModelSpec s;
        s.name = name.toStdString();
        s.inChannels = channels;
        s.inputSize = size;
        s.batchNorm = bn;
        auto m = createModel(s);
        const auto summary = summarize(*m, {channels, size, size});
        QCOMPARE(qlonglong(summary.totalParams), params);
        QCOMPARE(summary.trainableParams, summary.totalParams);
        auto out = m->forward(torch::zeros({2, channels, size, size}));
        QCOMPARE(out.sizes().vec(), (std::vector<std::int64_t>{2, 10}));
    }

    void layerTreeShapesAndPaths()
    {
        ModelSpec s;
        s.inChannels = 1;
        s.inputSize = 28;
        auto m = createModel(s);
        const auto summary = summarize(*m, {1, 28, 28});
        const LayerNode &features = summary.root.children.at(0);
        QCOMPARE(features.path, std::string("features"));
        QCOMPARE(features.children.at(0).path, std::string("features.conv1"));
        QCOMPARE(features.children.at(0).type, std::string("Conv2d"));
        QCOMPARE(features.children.at(2).outputShape, (std::vector<std::int64_t>{32, 14, 14}));
        QCOMPARE(features.outputShape, (std::vector<std::int64_t>{64, 7, 7}));
        const LayerNode &classifier = summary.root.children.at(1);
        QCOMPARE(classifier.children.back().outputShape, (std::vector<std::int64_t>{10}));
        QCOMPARE(summary.depth, 4);
        // Freezing shows up in the counts.
        for (auto &p : m->named_parameters())
            if (p.key().rfind("features.", 0) == 0)
                p.value().set_requires_grad(false);
        const auto frozen = summarize(*m, {1, 28, 28});
        QCOMPARE(frozen.nonTrainableParams, std::int64_t(320 + 18496));
    }

    void kerasBatchNormConventions()
    {
        ModelSpec s;
        s.name = "vgg-style-cnn";
        s.batchNorm = true;
        s.bnMomentum = 0.8;
        auto m = createModel(s);
        bool found = false;
        for (const auto &mod : m->modules(false)) {
            if (auto *bn = dynamic_cast<torch::nn::BatchNorm2dImpl *>(mod.get())) {
                QVERIFY(std::abs(bn->options.momentum().value() - 0.2) < 1e-12);
                QCOMPARE(bn->options.eps(), 1e-3);
                found = true;
            }
        }
        QVERIFY(found);
    }

    void l2PenaltyMatchesKeras()
    {
        ModelSpec s;
        s.name = "vgg-style-cnn";
        s.l2 = 0.001;
        auto m = createModel(s);
        double expected = 0;
        for (const auto &p : m->named_parameters())
            if (p.key().find("weight") != std::string::npos &&
                p.key().find("dense2") == std::string::npos)
                expected += p.value().pow(2).sum().item<double>();
        QVERIFY(std::abs(m->regularizationLoss().item<double>() - 0.001 * expected) <
                1e-6 * expected);
        s.l2 = 0;
        QVERIFY(!createModel(s)->regularizationLoss().defined());
    }

    void seedParameterCounts_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("size");
        QTest::addColumn<QString>("head");
        QTest::addColumn<int>("hidden");
        QTest::addColumn<QString>("freeze");
        QTest::addColumn<qlonglong>("trainable");
        QTest::addColumn<qlonglong>("frozen");
        // Seed 000: VGG19 at 224, GlobalAveragePooling2D + Dense(10), backbone frozen.
        QTest::newRow("vgg19 frozen")
            << "vgg19" << 224 << "gap" << 0 << "backbone" << 5130LL << 20024384LL;
        // Seed 002: VGG16 at 32, Flatten + Dense(256) + BN + Dropout + Dense(10), block5 unfrozen
        // (Keras counts BN's moving statistics too; they are buffers here).
        QTest::newRow("vgg16 block5")
            << "vgg16" << 32 << "flatten" << 256 << "before:block5_conv1"
            << qlonglong(3 * 2359808 + 131328 + 512 + 2570) << qlonglong(14714688 - 3 * 2359808);
        // ResNet-18 with its backbone frozen trains only fc.
        QTest::newRow("resnet18 frozen")
            << "resnet18" << 224 << "keep" << 0 << "backbone" << 5130LL << 11176512LL;
        // seed 000's "all but the last 150 layers" on VGG19: all 37 layers train.
        QTest::newRow("vgg19 last 150")
            << "vgg19" << 224 << "gap" << 0 << "all-but-last:150" << 20029514LL << 0LL;
    }
    void seedParameterCounts()
    {
        QFETCH(QString, model);
        QFETCH(int, size);
        QFETCH(QString, head);
        QFETCH(int, hidden);
        QFETCH(QString, freeze);
        QFETCH(qlonglong, trainable);
        QFETCH(qlonglong, frozen);
        ModelSpec s;
        s.name = model.toStdString();
        s.inputSize = size;
        s.head = head.toStdString();
        s.headHidden = hidden;
        s.headDropout = hidden > 0 ? 0.5 : 0.0;
        s.freeze = freeze.toStdString();
        const auto summary = describeModel(s);
        QCOMPARE(qlonglong(summary.trainableParams), trainable);
        QCOMPARE(qlonglong(summary.nonTrainableParams), frozen);
    }

    void freezeSpecs()
    {
        ModelSpec s;
        s.name = "resnet18";
        s.inputSize = 64;
        const auto summary = describeModel(s);
        const auto last2 = resolveFreezeSpec(summary, "all-but-last:2");
        // The backbone's last two leaves are layer4.1.bn2 and avgpool: bn2 trains, conv2 does not.
        QVERIFY(std::find(last2.begin(), last2.end(), "layer4.1.bn2") == last2.end());
        QVERIFY(std::find(last2.begin(), last2.end(), "layer4.1.conv2") != last2.end());
        QVERIFY(std::find(last2.begin(), last2.end(), "fc") == last2.end());
        const auto some = resolveFreezeSpec(summary, "conv1,layer1");
        QCOMPARE(some.front(), std::string("conv1"));
        QCOMPARE(some.size(), std::size_t(1 + 8)); // conv1 + 2 blocks x (2 convs + 2 BNs)
        QVERIFY(resolveFreezeSpec(summary, "none").empty());
        QVERIFY_THROWS_EXCEPTION(Error, resolveFreezeSpec(summary, "before:layer9"));
        QVERIFY_THROWS_EXCEPTION(Error, resolveFreezeSpec(summary, "all-but-last:x"));
        QVERIFY_THROWS_EXCEPTION(Error, resolveFreezeSpec(summary, "nonsense.path"));
        // Aliases work where the notebooks use them.
        ModelSpec v;
        v.name = "vgg16";
        v.inputSize = 32;
        const auto vs = describeModel(v);
        QCOMPARE(findLayer(vs.root, "block3_pool"), std::string("features.16"));
        QCOMPARE(resolveFreezeSpec(vs, "before:block2_conv1").size(), std::size_t(2));
        // A layer inside the head: the head's earlier layers freeze too.
        ModelSpec small;
        small.name = "simple-cnn";
        const auto ss = describeModel(small);
        QCOMPARE(
            resolveFreezeSpec(ss, "before:classifier.dense2"),
            (std::vector<std::string>{"features.conv1", "features.conv2", "classifier.dense1"}));
        QCOMPARE(resolveFreezeSpec(ss, "before:classifier"),
                 (std::vector<std::string>{"features.conv1", "features.conv2"}));
        QCOMPARE(resolveFreezeSpec(vs, "before:classifier.6").back(), std::string("classifier.3"));
    }

    void frozenBatchNormKeepsItsStatistics()
    {
        ModelSpec s;
        s.name = "resnet18";
        s.inputSize = 32;
        s.numClasses = 3;
        s.freeze = "backbone";
        auto m = createModel(s);
        // Training mode as the trainer sets it: frozen BatchNorm layers stay in inference mode.
        m->train();
        for (const auto &mod : m->modules(false))
            if (auto *bn = dynamic_cast<torch::nn::BatchNorm2dImpl *>(mod.get()))
                QVERIFY(!bn->weight.requires_grad());
    }

    void dropoutMask()
    {
        // Kept with probability `keep` at 1 / keep, else 0; one draw of the generator decides
        // the whole mask, whatever the thread count.
        const double keep = 0.8;
        auto maskWith = [&](int threads) {
            torch::set_num_threads(threads);
            return models::dropoutMask({1000, 1000}, keep, models::makeGenerator(42));
        };
        const int before = torch::get_num_threads();
        const torch::Tensor one = maskWith(1), two = maskWith(2);
        torch::set_num_threads(before);
        QVERIFY(torch::equal(one, two));
        const torch::Tensor kept = one.gt(0);
        const double fraction = kept.to(torch::kFloat64).mean().item<double>();
        QVERIFY2(std::abs(fraction - keep) < 0.002, std::to_string(fraction).c_str());
        QVERIFY(torch::all(one.eq(0).logical_or(one.eq(float(1.0 / keep)))).item<bool>());
        // Neighbours are independent: the pair (kept, kept) comes at keep^2.
        const double pairs = kept.flatten()
                                 .narrow(0, 0, 999999)
                                 .logical_and(kept.flatten().narrow(0, 1, 999999))
                                 .to(torch::kFloat64)
                                 .mean()
                                 .item<double>();
        QVERIFY2(std::abs(pairs - keep * keep) < 0.003, std::to_string(pairs).c_str());
        // Another draw, another mask.
        at::Generator g = models::makeGenerator(42);
        const torch::Tensor first = models::dropoutMask({1000}, keep, g);
        QVERIFY(!torch::equal(first, models::dropoutMask({1000}, keep, g)));
    }

    void penultimateFeaturesOfEveryModel_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("head");
        QTest::addColumn<int>("hidden");
        for (const auto &info : modelCatalog()) {
            const QString name = QString::fromStdString(info.name);
            QTest::newRow(qPrintable(name)) << name << "keep" << 0;
            if (info.isBackbone()) {
                QTest::newRow(qPrintable(name + " gap head")) << name << "gap" << 0;
                QTest::newRow(qPrintable(name + " hidden head")) << name << "gap" << 24;
            }
        }
    }
    void penultimateFeaturesOfEveryModel()
    {
        // The Linear layer's input, located in each model's forward pass: the layer applied to
        // the features gives the model's output, for a batch other than the one it was found on.
        QFETCH(QString, name);
        QFETCH(QString, head);
        QFETCH(int, hidden);
        ModelSpec s;
        s.name = name.toStdString();
        s.head = head.toStdString();
        s.headHidden = hidden;
        s.numClasses = 7;
        s.inputSize = modelInfo(s.name).isBackbone() ? 64 : 32;
        if (s.name == "inception-v3" || s.name.find("googlenet") != std::string::npos)
            s.inputSize = 96;
        auto m = createModel(s);
        m->eval();
        torch::NoGradGuard ng;
        PenultimateProbe probe(*m);
        torch::manual_seed(3);
        probe(torch::randn({2, 3, s.inputSize, s.inputSize}));
        const torch::Tensor x = torch::randn({3, 3, s.inputSize, s.inputSize});
        const auto [features, out] = probe(x);
        QCOMPARE(features.dim(), 2);
        QCOMPARE(features.size(0), 3);
        QCOMPARE(features.size(1), probe.width());
        QVERIFY(torch::allclose(out, m->forward(x), 1e-4, 1e-5));
        torch::nn::Linear last{nullptr};
        for (const auto &mod : m->named_modules("", false))
            if (mod.key() == probe.layer())
                last = torch::nn::Linear(
                    std::dynamic_pointer_cast<torch::nn::LinearImpl>(mod.value()));
        QVERIFY(!last.is_empty());
        QVERIFY(torch::allclose(last->forward(features), out, 1e-4, 1e-5));
    }

    void unknownModelAndBadInput()
    {
        ModelSpec s;
        s.name = "resnet9000";
        try {
            createModel(s);
            QFAIL("no error");
        } catch (const Error &e) {
            QVERIFY(QString(e.what()).contains("simple-cnn"));
        }
        s.name = "vgg-style-cnn";
        s.inputSize = 8; // 8 -> 2 -> 0 with 3x3 pooling
        QVERIFY_THROWS_EXCEPTION(Error, createModel(s));
    }
};

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"
