import { ArrowPath } from "@medusajs/icons"
import { Button, Text } from "@medusajs/ui"

/** The heading of a settings check (token check, go-live check): title, hint and its "run again" button. */
export function CheckHeader(props: { title: string; hint: string; runLabel: string; onRun: () => void; running: boolean; runTestId?: string }) {
  return (
    <div className="flex items-center justify-between gap-x-4">
      <div>
        <Text size="small" leading="compact" weight="plus">
          {props.title}
        </Text>
        <Text size="small" className="text-ui-fg-subtle">
          {props.hint}
        </Text>
      </div>
      <Button size="small" variant="secondary" onClick={props.onRun} isLoading={props.running} data-testid={props.runTestId}>
        <ArrowPath />
        {props.runLabel}
      </Button>
    </div>
  )
}
