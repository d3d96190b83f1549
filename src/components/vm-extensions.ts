/**
 * The two VM extensions both servers get: the domain join (JsonADDomainExtension, the password in protected
 * settings only) and the bootstrap (CustomScriptExtension running the data-driven hardening script).
 */
import * as pulumi from "@pulumi/pulumi";
import { VirtualMachineExtension } from "@pulumi/azure-native/compute/virtualMachineExtension";
import type { VirtualMachine } from "@pulumi/azure-native/compute/virtualMachine";
import type { BootstrapCommand } from "./bootstrap-command";
import type { DomainJoinDecision } from "./validate-server-args";

/** Where an extension goes: its VM, resource group, region and tags. */
export interface ExtensionPlacement {
  readonly vm: VirtualMachine;
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location?: pulumi.Input<string>;
  readonly tags: Record<string, string>;
}

function base(p: ExtensionPlacement) {
  return {
    resourceGroupName: p.resourceGroupName,
    ...(p.location === undefined ? {} : { location: p.location }),
    vmName: p.vm.name,
    publisher: "Microsoft.Compute",
    tags: p.tags,
  };
}

/** `${name}-domain-join`: joins the VM to the AD domain and restarts it (Options 3: join, create the computer account). */
export function domainJoinExtension(
  name: string,
  parent: pulumi.Resource,
  p: ExtensionPlacement,
  join: DomainJoinDecision,
  password: pulumi.Input<string> | undefined,
): VirtualMachineExtension {
  return new VirtualMachineExtension(
    `${name}-domain-join`,
    {
      ...base(p),
      type: "JsonADDomainExtension",
      typeHandlerVersion: "1.3",
      autoUpgradeMinorVersion: true,
      settings: {
        Name: join.domain,
        ...(join.ouPath === undefined ? {} : { OUPath: join.ouPath }),
        User: `${join.domain}\\${join.account}`,
        Restart: "true",
        Options: "3",
      },
      protectedSettings: pulumi.secret({ Password: password }),
    },
    { parent },
  );
}

/** `${name}-bootstrap`: runs the bootstrap command; after the domain join when there is one. */
export function bootstrapExtension(
  name: string,
  parent: pulumi.Resource,
  p: ExtensionPlacement,
  command: BootstrapCommand,
  after: VirtualMachineExtension | undefined,
): VirtualMachineExtension {
  return new VirtualMachineExtension(
    `${name}-bootstrap`,
    {
      ...base(p),
      type: "CustomScriptExtension",
      typeHandlerVersion: "1.10",
      autoUpgradeMinorVersion: true,
      forceUpdateTag: command.sha256,
      protectedSettings: pulumi.secret({ commandToExecute: command.commandToExecute }),
    },
    { parent, ...(after === undefined ? {} : { dependsOn: [after] }) },
  );
}
