namespace Bpm.Engine;

/// <summary>What a token does on entering a node, by the node's kind (BPMN 2.0, chapter 13).</summary>
internal sealed class NodeExecution(CommandRun run)
{
    private RunContext Context => run.Context;

    public void Execute(TokenState token, FlowNode node, SequenceFlow? via)
    {
        Context.Journal(JournalEventType.ElementEntered, elementId: node.Id, tokenId: token.Id, flowId: via?.Id);
        if (node.MultiInstance is not null && !run.MultiInstances.IsInstance(token, node))
        {
            run.MultiInstances.Enter(token, node);
            return;
        }

        switch (node.Kind)
        {
            case ElementKind.StartEvent or ElementKind.IntermediateThrowEvent or ElementKind.ManualTask
                or ElementKind.TimerBoundaryEvent or ElementKind.ErrorBoundaryEvent:
                run.Agenda.Leave(token, node);
                break;
            case ElementKind.Task or ElementKind.ServiceTask or ElementKind.SendTask when !node.IsWaitState:
                RequestService(node);
                run.Agenda.Leave(token, node);
                break;
            case ElementKind.EndEvent:
                run.Agenda.Leave(token, node);
                break;
            case ElementKind.TerminateEndEvent:
                run.Agenda.Leave(token, node, []);
                run.Scopes.Terminate(token.ScopeId, node);
                break;
            case ElementKind.ErrorEndEvent:
                Context.Journal(JournalEventType.ErrorThrown, elementId: node.Id, tokenId: token.Id, reason: node.ErrorCode);
                Context.Journal(JournalEventType.ElementLeft, elementId: node.Id, tokenId: token.Id);

                // The thrower leaves without completing its scope: the error decides what happens to the scope.
                Context.State.Tokens.Remove(token);
                run.Faults.ThrowError(node, token, node.ErrorCode);
                break;
            case ElementKind.UserTask or ElementKind.ServiceTask or ElementKind.SendTask or ElementKind.Task:
                run.WaitStates.CreateTask(token, node);
                break;
            case ElementKind.ReceiveTask or ElementKind.MessageCatchEvent:
                run.WaitStates.AwaitMessage(token, node);
                break;
            case ElementKind.TimerCatchEvent:
                token.Waiting = true;
                run.WaitStates.ArmTimer(node, token, Context.Now, null);
                break;
            case ElementKind.CallActivity:
                run.WaitStates.StartCall(token, node);
                break;
            case ElementKind.SubProcess:
                run.Scopes.EnterSubProcess(token, node);
                break;
            case ElementKind.ExclusiveGateway:
                run.Gateways.Decide(token, node, inclusive: false);
                break;
            case ElementKind.InclusiveGateway when node.IsJoin:
                run.Gateways.Arrive(token, node, via);
                break;
            case ElementKind.InclusiveGateway:
                run.Gateways.Decide(token, node, inclusive: true);
                break;
            case ElementKind.ParallelGateway when node.IsJoin:
                run.Gateways.ArriveAtParallelJoin(token, node, via);
                break;
            case ElementKind.EventBasedGateway:
                run.Gateways.AwaitFirstEvent(token, node);
                break;
            case ElementKind.ParallelGateway:
                Context.Journal(JournalEventType.GatewayDecision, elementId: node.Id, tokenId: token.Id, flows: node.Outgoing.Select(f => f.Id).ToList());
                run.Agenda.Leave(token, node);
                break;
        }
    }

    /// <summary>A task that does not wait asks the host for its work (a notification, a document, a service) and moves on.</summary>
    private void RequestService(FlowNode node)
    {
        if (node.Kind == ElementKind.Task && node.DomainKind is null)
        {
            return;
        }

        if (node.Kind == ElementKind.SendTask || node.DomainKind == BpmVocabulary.Kinds.Notify)
        {
            Context.Emit(new MessageToSend(node.Id, node.Extensions.GetValueOrDefault(BpmVocabulary.Attributes.Channel), node.Extensions.GetValueOrDefault(BpmVocabulary.Attributes.Template), node.Extensions));
            Context.Journal(JournalEventType.MessageSent, elementId: node.Id, name: node.Extensions.GetValueOrDefault(BpmVocabulary.Attributes.Template));
            return;
        }

        Context.Emit(new ServiceRequest(node.Id, node.DomainKind, node.Extensions));
        Context.Journal(JournalEventType.ServiceRequested, elementId: node.Id, name: node.DomainKind);
    }
}
