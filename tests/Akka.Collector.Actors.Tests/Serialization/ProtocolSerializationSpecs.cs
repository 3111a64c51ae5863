using Akka.Actor;
using Akka.Collector.Actors.Tests.Support;
using Akka.Configuration;
using Akka.Serialization;

namespace Akka.Collector.Actors.Tests.Serialization;

/// <summary>
/// Every message that may cross nodes or be persisted, under the bindings of the shipped
/// hocon/akka.conf: it gets a binary serializer (never the JSON fallback) and comes back equal.
/// </summary>
public sealed class ProtocolSerializationSpecs()
    : Akka.TestKit.Xunit2.TestKit(Config, nameof(ProtocolSerializationSpecs))
{
    // The shipped bindings, plus serialize-messages: every local Tell goes through them too.
    private static Config Config => ConfigurationFactory
        .ParseString("akka.actor.serialize-messages = on")
        .WithFallback(RepoHocon.AkkaConf());

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static TheoryData<Type> MessageTypes => ProtocolSamples.MessageTypeData;

    [Fact]
    public void Every_protocol_message_type_has_a_sample()
    {
        // arrange: the message types, found by reflection
        var types = ProtocolSamples.MessageTypes;

        // act
        var missing = ProtocolSamples.TypesWithoutSamples();

        // assert
        Assert.NotEmpty(types);
        Assert.True(missing.Count == 0,
            $"protocol messages without a sample: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(MessageTypes))]
    public void Each_message_round_trips_through_its_bound_binary_serializer(Type type)
    {
        foreach (var sample in ProtocolSamples.For(type))
        {
            // arrange
            var serializer = Sys.Serialization.FindSerializerFor(sample);
            Assert.IsNotType<NewtonSoftJsonSerializer>(serializer);

            // act: the path remoting and the journal take, manifest and serializer id included
            var bytes = serializer.ToBinary(sample);
            var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, sample);
            var back = Sys.Serialization.Deserialize(bytes, serializer.Identifier, manifest);

            // assert
            Equivalence.AssertEquivalent(sample, back);
        }
    }

    [Theory]
    [MemberData(nameof(MessageTypes))]
    public void Each_message_comes_back_equal_from_an_echo_under_serialize_messages(Type type)
    {
        // arrange
        var echo = Sys.ActorOf(Props.Create(() => new Echo()));

        foreach (var sample in ProtocolSamples.For(type))
        {
            // act
            echo.Tell(sample, TestActor);
            var back = ExpectMsg<object>(Patience);

            // assert: a copy (so it really was serialized), equal to what was sent
            Assert.NotSame(sample, back);
            Equivalence.AssertEquivalent(sample, back);
        }
    }

    private sealed class Echo : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(message);
    }
}
